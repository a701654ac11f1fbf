/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/** The sandbox's callbacks, first attempts and retries alike, keep within callbacksInFlight. */
import http from 'http';
import type { AddressInfo } from 'net';

import type { InsiderSandbox } from '../../sandbox/server';
import { postSend, waitFor } from '../support/http';
import { quickReply } from '../support/messages';
import { startTestSandbox } from '../support/sandbox';

/** A receiver that holds every request until the test lets it answer (500 the first time). */
async function holdingReceiver() {
	const held: http.ServerResponse[] = [];
	const seen = new Map<string, number>();
	let open = 0;
	let mostOpen = 0;
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const { key } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { key: string };
			seen.set(key, (seen.get(key) ?? 0) + 1);
			open++;
			mostOpen = Math.max(mostOpen, open);
			(response as http.ServerResponse & { status?: number }).status =
				seen.get(key) === 1 ? 500 : 200;
			held.push(response);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/status`,
		held,
		get open() {
			return open;
		},
		get mostOpen() {
			return mostOpen;
		},
		answerOne() {
			const response = held.shift() as http.ServerResponse & { status: number };
			open--;
			response.writeHead(response.status).end();
		},
		stop: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

let sandbox: InsiderSandbox;
beforeAll(
	async () =>
		(sandbox = await startTestSandbox({
			rateLimitPerSecond: 0,
			timeScale: 0.00005,
			statusEvents: [],
			callbacksInFlight: 3,
		})),
);
afterAll(async () => await sandbox.stop());

test('at most callbacksInFlight requests are out at once; the rest, retries too, wait their turn', async () => {
	const receiver = await holdingReceiver();
	try {
		const messages = Array.from({ length: 6 }, (_, i) => ({
			phoneNumber: `+1555000${1000 + i}`,
			message: quickReply(),
		}));
		expect((await postSend(sandbox.url, { callback: receiver.url, messages })).status).toBe(200);
		// Six first attempts answered 500, then six retries answered 200: twelve answers.
		for (let answered = 0; answered < 12; answered++) {
			await waitFor(
				() => receiver.open === 3 || receiver.open === 12 - answered,
				10_000,
				'requests',
			);
			receiver.answerOne();
		}
		await waitFor(
			() => sandbox.callbackAttempts.filter((a) => a.statusCode === 200).length === 6,
			10_000,
			'every callback acknowledged',
		);
		expect(receiver.mostOpen).toBe(3);
		expect(sandbox.callbackAttempts).toHaveLength(12);
		expect(sandbox.callbackAttempts.every((a) => typeof a.durationMs === 'number')).toBe(true);
		expect(sandbox.publicConfig().callbacksInFlight).toBe(3);
	} finally {
		await receiver.stop();
	}
});
