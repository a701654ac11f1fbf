import { CALLBACK_RETRY_MINUTES } from '../../sandbox/options';
import type { InsiderSandbox } from '../../sandbox/server';
import { client, postSend, startReceiver, waitFor } from '../support/http';
import { quickReply, sendBody } from '../support/messages';
import { startTestSandbox } from '../support/sandbox';
import { sleep } from '../../dev/wait';

const TIME_SCALE = 0.0005; // one minute of Insider's schedule = 30 ms
let sandbox: InsiderSandbox;
beforeAll(
	async () =>
		(sandbox = await startTestSandbox({
			timeScale: TIME_SCALE,
			failingRecipients: ['+15550009999'],
		})),
);
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

type Envelope = {
	entry: Array<{
		changes: Array<{
			value: {
				statuses?: Array<Record<string, unknown>>;
				messages?: Array<Record<string, unknown>>;
			};
		}>;
	}>;
	key?: string;
};
type InboundMessage = {
	context: { id: string };
	from: string;
	type: string;
	interactive?: unknown;
	text?: unknown;
};
const statusOf = (body: unknown) => (body as Envelope).entry?.[0].changes[0].value.statuses?.[0];

describe('status callbacks', () => {
	test('posts accepted, sent, delivered and read, in order, each carrying the key', async () => {
		const receiver = await startReceiver();
		try {
			const { body } = await postSend(
				sandbox.url,
				sendBody(quickReply(), '+15550001111', { callback: `${receiver.url}/status` }),
			);
			const key = (body.keys as string[])[0];
			await waitFor(() => receiver.received.length === 4, 5000, 'four callbacks');
			const [accepted, ...statuses] = receiver.received.map(
				(r) => r.body as Record<string, unknown>,
			);
			const message = sandbox.messages[0];
			expect(accepted).toEqual({
				messaging_product: 'whatsapp',
				contacts: [{ input: '+15550001111', wa_id: '15550001111' }],
				messages: [{ id: message.waMessageId }],
				key,
			});
			expect(statuses.map((s) => statusOf(s)?.status)).toEqual(['sent', 'delivered', 'read']);
			for (const envelope of statuses) {
				expect(envelope.key).toBe(key);
				expect(envelope.object).toBe('whatsapp_business_account');
				expect(statusOf(envelope)?.id).toBe(message.waMessageId);
				expect(statusOf(envelope)?.recipient_id).toBe('15550001111');
			}
			expect(receiver.received[0].url).toBe('/status');
			expect(message.status).toBe('read');
		} finally {
			await receiver.stop();
		}
	});

	test('a recipient on the failing list gets failed with Meta error 131047', async () => {
		const receiver = await startReceiver();
		try {
			await postSend(
				sandbox.url,
				sendBody(quickReply(), '+15550009999', { callback: receiver.url }),
			);
			await waitFor(() => receiver.received.length === 2, 5000, 'two callbacks');
			const failed = statusOf(receiver.received[1].body);
			expect(failed?.status).toBe('failed');
			expect((failed?.errors as Array<{ code: number }>)[0].code).toBe(131047);
			expect(sandbox.messages[0].status).toBe('failed');
		} finally {
			await receiver.stop();
		}
	});

	test("a receiver that fails twice is retried on Insider's schedule and then gets the event once", async () => {
		const receiver = await startReceiver((_request, index) => (index < 2 ? 500 : 200));
		try {
			sandbox.configure({ statusEvents: [] });
			await postSend(
				sandbox.url,
				sendBody(quickReply(), '+15550001111', { callback: receiver.url }),
			);
			await waitFor(
				() => sandbox.callbackAttempts.some((a) => a.statusCode === 200),
				5000,
				'the accepted attempt',
			);
			// Nothing to wait for but time: a wrong fourth attempt would come one retry interval on.
			await sleep(CALLBACK_RETRY_MINUTES[2] * 60_000 * TIME_SCALE);
			expect(receiver.received).toHaveLength(3);
			const attempts = sandbox.callbackAttempts;
			expect(attempts.map((a) => [a.event, a.attempt, a.statusCode])).toEqual([
				['accepted', 0, 500],
				['accepted', 1, 500],
				['accepted', 2, 200],
			]);
			// Insider's schedule counts from the first attempt's start, so the sandbox's send times
			// are compared (receipt times also carry loopback delays, which a busy machine stretches).
			// The 2 ms allow for the millisecond rounding of the recorded times.
			const sentAt = attempts.map((a) => Date.parse(a.at));
			const minute = 60_000 * TIME_SCALE;
			expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(CALLBACK_RETRY_MINUTES[0] * minute - 2);
			expect(sentAt[2] - sentAt[0]).toBeGreaterThanOrEqual(CALLBACK_RETRY_MINUTES[1] * minute - 2);
		} finally {
			sandbox.configure({ statusEvents: ['sent', 'delivered', 'read'] });
			await receiver.stop();
		}
	});

	test('gives up after the tenth retry of a receiver that never answers 2xx', async () => {
		const receiver = await startReceiver(() => 503);
		try {
			const timeScale = 0.00005;
			sandbox.configure({ statusEvents: [], timeScale });
			await postSend(
				sandbox.url,
				sendBody(quickReply(), '+15550001111', { callback: receiver.url }),
			);
			await waitFor(
				() => sandbox.callbackAttempts.some((a) => a.attempt === 10 && a.statusCode === 503),
				5000,
				'the answer to the tenth retry',
			);
			// Nothing to wait for but time: a wrong eleventh retry would come an hour (scaled) on.
			await sleep(CALLBACK_RETRY_MINUTES[9] * 60_000 * timeScale);
			expect(receiver.received).toHaveLength(11);
			expect(sandbox.callbackAttempts.map((a) => a.attempt)).toEqual([
				0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
			]);
		} finally {
			sandbox.configure({ statusEvents: ['sent', 'delivered', 'read'], timeScale: TIME_SCALE });
			await receiver.stop();
		}
	});

	test('a message without callback posts nothing but still advances its status for the preview', async () => {
		await postSend(sandbox.url, sendBody(quickReply()));
		await waitFor(() => sandbox.messages[0].status === 'read', 5000, 'status read');
		expect(sandbox.callbackAttempts).toHaveLength(0);
	});
});

describe('conversational webhook', () => {
	test("a button tap sends Meta's button_reply envelope with context.id and the key, with the bearer token", async () => {
		const receiver = await startReceiver();
		try {
			sandbox.configure({ webhook: { url: `${receiver.url}/hook`, token: 'secret-token' } });
			const { body } = await postSend(sandbox.url, sendBody(quickReply()));
			const key = (body.keys as string[])[0];
			const tap = await client.post(`${sandbox.url}/sandbox/tap`, { key, buttonId: 'yes' });
			expect(tap.data).toEqual({ delivered: true });
			expect(receiver.received).toHaveLength(1);
			const request = receiver.received[0];
			expect(request.headers.authorization).toBe('Bearer secret-token');
			const envelope = request.body as Envelope;
			expect(envelope.key).toBe(key);
			const message = envelope.entry[0].changes[0].value.messages?.[0] as InboundMessage;
			expect(message.context.id).toBe(sandbox.messages[0].waMessageId);
			expect(message.from).toBe('15550001111');
			expect(message.interactive).toEqual({
				type: 'button_reply',
				button_reply: { id: 'yes', title: 'Yes please' },
			});
			expect(sandbox.messages[0].replies[0]).toMatchObject({
				buttonId: 'yes',
				title: 'Yes please',
			});
		} finally {
			sandbox.configure({ webhook: null });
			await receiver.stop();
		}
	});

	test('a free-text reply is sent as a text message', async () => {
		const receiver = await startReceiver();
		try {
			sandbox.configure({ webhook: { url: receiver.url } });
			const reply = await client.post(`${sandbox.url}/sandbox/reply`, {
				phoneNumber: '+15550001111',
				text: 'When does it arrive?',
			});
			expect(reply.data).toEqual({ delivered: true });
			const message = (receiver.received[0].body as Envelope).entry[0].changes[0].value
				.messages?.[0] as InboundMessage;
			expect(message.type).toBe('text');
			expect(message.text).toEqual({ body: 'When does it arrive?' });
			expect(receiver.received[0].headers.authorization).toBeUndefined();
		} finally {
			sandbox.configure({ webhook: null });
			await receiver.stop();
		}
	});

	test('tapping an unknown button or message is a 404, and without a webhook a 409', async () => {
		sandbox.configure({ webhook: { url: 'http://127.0.0.1:9/' } });
		const { body } = await postSend(sandbox.url, sendBody(quickReply()));
		const key = (body.keys as string[])[0];
		expect(
			(await client.post(`${sandbox.url}/sandbox/tap`, { key, buttonId: 'maybe' })).status,
		).toBe(404);
		expect(
			(await client.post(`${sandbox.url}/sandbox/tap`, { key: 'whatsapp-none', buttonId: 'yes' }))
				.status,
		).toBe(404);
		sandbox.configure({ webhook: null });
		expect((await client.post(`${sandbox.url}/sandbox/tap`, { key, buttonId: 'yes' })).status).toBe(
			409,
		);
	});
});
