/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/* Mark as read with a typing indicator: POST /v1/{phoneNumberId}/messages, Insider's auth and
   the one per-key rate limit, validation naming the field, Meta's {"success":true}, the
   contact's ticks and "typing…" until the business answers or the indicator runs out. */
import http from 'http';
import type { AddressInfo } from 'net';

import type { InsiderSandbox } from '../../sandbox/server';
import { postSend, startReceiver, waitFor } from '../support/http';
import { sendBody } from '../support/messages';
import { activeTyping } from '../../sandbox/receipts';
import { startTestSandbox } from '../support/sandbox';
import { markRead, readBody } from './botRequests';

const CONTACT = '+15550001111';
let sandbox: InsiderSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
	receiver = await startReceiver();
	sandbox = await startTestSandbox({
		rateLimitPerSecond: 0,
		webhook: { url: `${receiver.url}/hook` },
	});
});
afterAll(async () => {
	await sandbox.stop();
	await receiver.stop();
});
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ rateLimitPerSecond: 0, typingIndicatorMs: 25_000 });
});

/** The contact writes; returns the id of the inbound message. */
async function contactWrites(text: string, phoneNumber = CONTACT): Promise<string> {
	await sandbox.sendReply(text, { phoneNumber });
	return sandbox.inbound[sandbox.inbound.length - 1].waMessageId;
}

test('a known message id: 200 {"success":true}, the message read, the receipt recorded with its time', async () => {
	const id = await contactWrites('Hello?');
	const before = new Date().toISOString();
	const answer = await markRead(sandbox.url, readBody(id));
	expect(answer.status).toBe(200);
	expect(answer.raw).toBe('{"success":true}');
	expect(sandbox.inbound[0]).toMatchObject({ status: 'read', readAt: expect.any(String) });
	expect(sandbox.receipts).toEqual([
		{
			at: expect.any(String),
			requestId: sandbox.requests[0].id,
			messageId: id,
			phoneNumber: CONTACT,
			typing: true,
			apiKey: '…6789',
		},
	]);
	expect(sandbox.receipts[0].at >= before).toBe(true);
	expect(sandbox.requests[0]).toMatchObject({
		kind: 'read',
		endpoint: '/v1/106540352242922/messages',
		statusCode: 200,
	});
});

test("marking one message read marks the contact's earlier ones read too, not later ones or others'", async () => {
	const first = await contactWrites('one');
	const second = await contactWrites('two');
	const third = await contactWrites('three');
	const other = await contactWrites('hi', '+15550009876');
	expect((await markRead(sandbox.url, readBody(second, false))).status).toBe(200);
	const status = (id: string) => sandbox.inbound.find((m) => m.waMessageId === id)?.status;
	expect([first, second, third, other].map(status)).toEqual([
		'read',
		'read',
		'delivered',
		'delivered',
	]);
	expect(sandbox.receipts[0].typing).toBe(false);
});

test('typing shows until the next business message to that contact', async () => {
	const id = await contactWrites('Are you open?');
	await markRead(sandbox.url, readBody(id));
	expect(sandbox.typing()).toEqual([
		{ phoneNumber: CONTACT, since: sandbox.receipts[0].at, until: expect.any(String) },
	]);
	const toSomeoneElse = await postSend(
		sandbox.url,
		sendBody({ type: 'text', text: { body: 'x' } }, '+15550009876'),
	);
	expect(toSomeoneElse.status).toBe(200);
	expect(sandbox.typing()).toHaveLength(1);
	await postSend(sandbox.url, sendBody({ type: 'text', text: { body: 'Yes, until 8.' } }, CONTACT));
	expect(sandbox.typing()).toEqual([]);
});

test('typing ends after typingIndicatorMs without an answer; a receipt without typing shows none', async () => {
	sandbox.configure({ typingIndicatorMs: 50 });
	const id = await contactWrites('Still there?');
	await markRead(sandbox.url, readBody(id, false));
	expect(activeTyping(sandbox.receipts, sandbox.messages, 50)).toEqual([]);
	await markRead(sandbox.url, readBody(id));
	const since = Date.parse(sandbox.receipts[1].at);
	const showing = activeTyping(sandbox.receipts, sandbox.messages, 50, since + 49);
	expect(showing).toEqual([
		{
			phoneNumber: CONTACT,
			since: sandbox.receipts[1].at,
			until: new Date(since + 50).toISOString(),
		},
	]);
	expect(activeTyping(sandbox.receipts, sandbox.messages, 50, since + 50)).toEqual([]);
});

test('the inbound message is known as soon as it is posted, while the webhook is still answering', async () => {
	const held: http.ServerResponse[] = [];
	const slow = http.createServer((request, response) => {
		request.resume();
		held.push(response);
	});
	await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
	sandbox.configure({
		webhook: { url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/` },
	});
	try {
		const posting = sandbox.sendReply('quick', { phoneNumber: CONTACT });
		await waitFor(() => held.length === 1, 5000, 'the webhook request');
		const answer = await markRead(sandbox.url, readBody(sandbox.inbound[0].waMessageId));
		expect(answer.status).toBe(200);
		held[0].writeHead(200).end();
		expect(await posting).toBe(true);
	} finally {
		sandbox.configure({ webhook: { url: `${receiver.url}/hook` } });
		slow.closeAllConnections();
		await new Promise((resolve) => slow.close(resolve));
	}
});

describe('refused with 400 code 2002 naming the field, nothing marked', () => {
	test.each([
		[
			'messaging_product',
			{ messaging_product: 'sms' },
			'messaging_product',
			'must be one of whatsapp',
		],
		['status', { status: 'delivered' }, 'status', 'must be one of read'],
		['no message id', { message_id: undefined }, 'message_id', 'required'],
		['an unknown message id', { message_id: 'wamid.unknown' }, 'message_id', 'unknown'],
		[
			'typing type',
			{ typing_indicator: { type: 'audio' } },
			'typing_indicator.type',
			'must be one of text',
		],
		['typing not an object', { typing_indicator: 'text' }, 'typing_indicator', 'must be an object'],
	])('%s', async (_what, change, field, problem) => {
		const id = await contactWrites('Hi');
		const answer = await markRead(sandbox.url, { ...readBody(id), ...change });
		expect(answer.status).toBe(400);
		expect(answer.body.error).toEqual({ code: 2002, message: 'failed to validate request' });
		expect(answer.body.errors).toContain(`Key: '${field}' Error: ${problem}`);
		expect(sandbox.inbound[0].status).toBe('delivered');
		expect(sandbox.receipts).toEqual([]);
	});

	test("another account's phone number id", async () => {
		const id = await contactWrites('Hi');
		const answer = await markRead(sandbox.url, readBody(id), { phoneNumberId: '111' });
		expect(answer.status).toBe(400);
		expect(answer.body.errors).toContain(
			"Key: 'phone_number_id' Error: must be this account's phone number id 106540352242922",
		);
	});

	test("a business message's own id is not a message the contact sent", async () => {
		await postSend(sandbox.url, sendBody({ type: 'text', text: { body: 'Hi' } }));
		const answer = await markRead(sandbox.url, readBody(sandbox.messages[0].waMessageId));
		expect(answer.body.errors).toContain("Key: 'message_id' Error: unknown");
	});

	test('a body that is not JSON gets code 2001', async () => {
		const answer = await markRead(sandbox.url, '{"status":');
		expect(answer.status).toBe(400);
		expect(answer.body.error.code).toBe(2001);
	});
});

describe("Insider's gate, as for sends", () => {
	test('a wrong key gets 401 and a missing User-Agent the 403 code 1088 body', async () => {
		const id = await contactWrites('Hi');
		const wrong = await markRead(sandbox.url, readBody(id), {
			headers: { 'X-INS-AUTH-KEY': 'INS.nope' },
		});
		expect([wrong.status, wrong.raw]).toEqual([401, '{"message":"unauthorized"}']);
		const noAgent = await markRead(sandbox.url, readBody(id), { headers: { 'User-Agent': '' } });
		expect(noAgent.status).toBe(403);
		expect(noAgent.body.error.code).toBe(1088);
		expect(sandbox.inbound[0].status).toBe('delivered');
	});

	test('sends and read receipts share one rate limit per key', async () => {
		sandbox.configure({ rateLimitPerSecond: 3 });
		const id = await contactWrites('Hi');
		const send = await postSend(sandbox.url, sendBody({ type: 'text', text: { body: 'a' } }));
		const reads = await Promise.all([1, 2, 3].map(() => markRead(sandbox.url, readBody(id))));
		expect([send.status, ...reads.map((r) => r.status)].sort()).toEqual([200, 200, 200, 429]);
		expect(sandbox.receipts).toHaveLength(2);
	});

	test('scripted faults apply to read receipts: 429 with Retry-After, then success', async () => {
		const id = await contactWrites('Hi');
		sandbox.faults.add({ kind: 'rate-limit', retryAfterSeconds: 2 });
		const limited = await markRead(sandbox.url, readBody(id));
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('2');
		expect((await markRead(sandbox.url, readBody(id))).status).toBe(200);
		expect(sandbox.requests.map((r) => [r.kind, r.statusCode, r.fault])).toEqual([
			['read', 429, 'rate-limit'],
			['read', 200, undefined],
		]);
	});
});
