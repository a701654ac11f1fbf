/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sandbox keys */
import net from 'net';

import { InsiderSandbox } from '../../sandbox/server';
import { client, postSend, waitFor } from '../support/http';
import { quickReply, sendBody } from '../support/messages';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';

const RESTRICTED_KEY = 'INS.restricted-0000';
let sandbox: InsiderSandbox;
beforeAll(
	async () =>
		(sandbox = await startTestSandbox({
			keys: [TEST_KEY, RESTRICTED_KEY],
			ipRestrictedKeys: [RESTRICTED_KEY],
			rateLimitPerSecond: 5,
		})),
);
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

/** Sends raw HTTP so a missing User-Agent really is missing. */
function rawPost(port: number, headers: string[], body: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1', () => {
			socket.end(
				[
					`POST /v1/conversational/send HTTP/1.1`,
					'Host: 127.0.0.1',
					'Connection: close',
					`Content-Length: ${Buffer.byteLength(body)}`,
					...headers,
					'',
					body,
				].join('\r\n'),
			);
		});
		let data = '';
		socket.on('data', (chunk) => (data += chunk.toString()));
		socket.on('end', () => resolve(data));
		socket.on('error', reject);
	});
}

describe('authentication and the firewall', () => {
	test('a wrong key gets 401 {"message":"unauthorized"} byte for byte', async () => {
		const response = await postSend(sandbox.url, sendBody(quickReply()), {
			'X-INS-AUTH-KEY': 'INS.nope',
		});
		expect(response.status).toBe(401);
		expect(response.raw).toBe('{"message":"unauthorized"}');
	});

	test('a missing key gets 401', async () => {
		const response = await client.post(
			`${sandbox.url}/v1/conversational/send`,
			sendBody(quickReply()),
		);
		expect(response.status).toBe(401);
	});

	test('an IP-restricted key gets the documented 403 body with code 1088', async () => {
		const response = await postSend(sandbox.url, sendBody(quickReply()), {
			'X-INS-AUTH-KEY': RESTRICTED_KEY,
		});
		expect(response.status).toBe(403);
		expect(response.raw).toBe(
			'{"message":"ip-restricted","error":{"message":"ip-restricted","code":1088}}',
		);
	});

	test('a missing or empty User-Agent gets the 403 code 1088 body even with a good key', async () => {
		const port = Number(new URL(sandbox.url).port);
		const missing = await rawPost(
			port,
			[`X-INS-AUTH-KEY: ${TEST_KEY}`, 'Content-Type: application/json'],
			JSON.stringify(sendBody(quickReply())),
		);
		expect(missing).toMatch(/^HTTP\/1.1 403/);
		expect(missing).toContain(
			'{"message":"ip-restricted","error":{"message":"ip-restricted","code":1088}}',
		);
		const empty = await postSend(sandbox.url, sendBody(quickReply()), { 'User-Agent': '' });
		expect(empty.status).toBe(403);
		expect(sandbox.messages).toHaveLength(0);
	});
});

describe('rate limit', () => {
	test('a burst over the per-key limit gets 429 for the excess, and nothing of those is recorded', async () => {
		const responses = await Promise.all(
			Array.from({ length: 8 }, () => postSend(sandbox.url, sendBody(quickReply()))),
		);
		const statuses = responses.map((r) => r.status).sort();
		expect(statuses.filter((s) => s === 200)).toHaveLength(5);
		expect(statuses.filter((s) => s === 429)).toHaveLength(3);
		expect(sandbox.messages).toHaveLength(5);
	});

	test('the limit frees up after a second', async () => {
		await Promise.all(
			Array.from({ length: 5 }, () => postSend(sandbox.url, sendBody(quickReply()))),
		);
		expect((await postSend(sandbox.url, sendBody(quickReply()))).status).toBe(429);
		await new Promise((resolve) => setTimeout(resolve, 1010));
		expect((await postSend(sandbox.url, sendBody(quickReply()))).status).toBe(200);
	});
});

describe('scripted faults', () => {
	test('rate-limit answers 429 for the next N requests, with Retry-After when asked', async () => {
		sandbox.faults.add({ kind: 'rate-limit', count: 2, retryAfterSeconds: 3 });
		const first = await postSend(sandbox.url, sendBody(quickReply()));
		const second = await postSend(sandbox.url, sendBody(quickReply()));
		const third = await postSend(sandbox.url, sendBody(quickReply()));
		expect([first.status, second.status, third.status]).toEqual([429, 429, 200]);
		expect(first.headers['retry-after']).toBe('3');
		sandbox.faults.add({ kind: 'rate-limit' });
		expect(
			(await postSend(sandbox.url, sendBody(quickReply()))).headers['retry-after'],
		).toBeUndefined();
	});

	test('server-error answers 500 and maintenance answers 503 with code 2020', async () => {
		sandbox.faults.add({ kind: 'server-error' });
		sandbox.faults.add({ kind: 'maintenance' });
		expect((await postSend(sandbox.url, sendBody(quickReply()))).status).toBe(500);
		const maintenance = await postSend(sandbox.url, sendBody(quickReply()));
		expect(maintenance.status).toBe(503);
		expect((maintenance.body.error as { code: number }).code).toBe(2020);
		expect(sandbox.messages).toHaveLength(0);
	});

	test('reset closes the connection before answering and records nothing', async () => {
		sandbox.faults.add({ kind: 'reset' });
		await expect(postSend(sandbox.url, sendBody(quickReply()))).rejects.toThrow(
			/socket hang up|ECONNRESET/,
		);
		expect(sandbox.messages).toHaveLength(0);
	});

	test('accept-then-reset records the messages and then closes the connection', async () => {
		sandbox.faults.add({ kind: 'accept-then-reset' });
		await expect(postSend(sandbox.url, sendBody(quickReply()))).rejects.toThrow(
			/socket hang up|ECONNRESET/,
		);
		expect(sandbox.messages).toHaveLength(1);
	});

	test('delay answers normally after the delay', async () => {
		sandbox.faults.add({ kind: 'delay', delayMs: 300 });
		const started = Date.now();
		const response = await postSend(sandbox.url, sendBody(quickReply()));
		expect(response.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});

	test('faults can target one API key', async () => {
		sandbox.faults.add({ kind: 'server-error', apiKey: 'INS.other' });
		expect((await postSend(sandbox.url, sendBody(quickReply()))).status).toBe(200);
		expect(sandbox.faults.list()).toHaveLength(1);
	});

	test('the admin API scripts faults and rejects unknown kinds', async () => {
		const added = await client.post(`${sandbox.url}/sandbox/faults`, {
			kind: 'maintenance',
			count: 2,
		});
		expect(added.status).toBe(200);
		expect(added.data.faults).toEqual([{ kind: 'maintenance', count: 2, remaining: 2 }]);
		const bad = await client.post(`${sandbox.url}/sandbox/faults`, { kind: 'gremlins' });
		expect(bad.status).toBe(400);
		expect(bad.data.message).toMatch(/unknown fault kind/);
		await client.delete(`${sandbox.url}/sandbox/faults`);
		expect(sandbox.faults.list()).toEqual([]);
	});
});

describe('admin API and preview', () => {
	test('lists and clears recorded messages and requests', async () => {
		await postSend(sandbox.url, sendBody(quickReply()));
		const listed = await client.get(`${sandbox.url}/sandbox/messages`);
		expect(listed.data.messages).toHaveLength(1);
		expect(listed.data.messages[0].apiKey).toBe(`…${TEST_KEY.slice(-4)}`);
		expect((await client.get(`${sandbox.url}/sandbox/requests`)).data.requests).toHaveLength(1);
		await client.delete(`${sandbox.url}/sandbox/messages`);
		expect((await client.get(`${sandbox.url}/sandbox/messages`)).data.messages).toEqual([]);
	});

	test('serves the phone preview page at /', async () => {
		const page = await client.get(`${sandbox.url}/`);
		expect(page.status).toBe(200);
		expect(page.headers['content-type']).toMatch(/text\/html/);
		expect(page.data).toContain('/sandbox/tap');
	});

	test('never echoes API keys in its config', async () => {
		const config = await client.get(`${sandbox.url}/sandbox/config`);
		expect(JSON.stringify(config.data)).not.toContain(TEST_KEY);
	});
});

describe('lifecycle', () => {
	test('starts on port 0 and stops without leaving sockets or timers behind', async () => {
		const before = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').length;
		const own = await new InsiderSandbox({
			keys: [TEST_KEY],
			timeScale: 0.0001,
			eventIntervalMs: 50,
		}).start();
		expect(own.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		await postSend(
			own.url,
			sendBody(quickReply(), '+15550001111', { callback: 'http://127.0.0.1:9/unreachable' }),
		);
		await own.stop();
		// Closed sockets leave Node's list of active resources on a later turn of the event loop.
		const activeResources = () =>
			process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').length;
		await waitFor(
			() => activeResources() <= before,
			5000,
			'the stopped sandbox to release every socket and timer',
		);
	});
});
