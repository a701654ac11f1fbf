/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sandbox keys */
/** Batching, rate limiting, retries and failure handling, against the sandbox over loopback. */
import type { InsiderSandbox } from '../../sandbox/server';
import { runInsiderWhatsApp } from '../support/engine';
import { quickReplyParameters, startTestSandbox, TEST_KEY } from '../support/sandbox';

const RESTRICTED_KEY = 'INS.restricted-key-7777';
let sandbox: InsiderSandbox;
beforeAll(
	async () =>
		(sandbox = await startTestSandbox({
			keys: [TEST_KEY, RESTRICTED_KEY],
			ipRestrictedKeys: [RESTRICTED_KEY],
			rateLimitPerSecond: 0,
		})),
);
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ rateLimitPerSecond: 0 });
});
afterEach(() => jest.restoreAllMocks());

const contacts = (count: number) =>
	Array.from({ length: count }, (_, i) => ({ phone: `+1555${String(1000000 + i)}` }));
const run = (
	items: object[],
	options: Record<string, unknown> = {},
	extra: { continueOnFail?: boolean; apiKey?: string } = {},
) =>
	runInsiderWhatsApp({
		parameters: quickReplyParameters({ options }),
		items: items as never,
		credentials: { apiKey: extra.apiKey ?? TEST_KEY, baseUrl: sandbox.url },
		continueOnFail: extra.continueOnFail,
	});

/** Every key the sandbox accepted, to prove each message was accepted exactly once. */
const acceptedPhones = () => sandbox.messages.map((m) => m.phoneNumber);

describe('batching', () => {
	test('120 items make 3 requests of 50, 50 and 20, and 120 output items with the right keys', async () => {
		const items = contacts(120);
		const result = await run(items);
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.messageCount)).toEqual([50, 50, 20]);
		expect(result.items).toHaveLength(120);
		result.items.forEach((item, index) => {
			const recorded = sandbox.messages.find((m) => m.key === item.json.key);
			expect(recorded?.phoneNumber).toBe(items[index].phone);
			expect(item.json).toEqual({
				phoneNumber: items[index].phone,
				key: recorded?.key,
				status: 'accepted',
			});
			expect(item.pairedItem).toEqual({ item: index });
		});
	});

	test('items are grouped by sender and callback URL, each group in its own requests', async () => {
		const result = await runInsiderWhatsApp({
			parameters: quickReplyParameters({
				options: {
					from: '={{ $json.from }}',
					callbackUrl: 'https://n8n.example.com/webhook/x/webhook',
				},
			}),
			items: [
				{ phone: '+15550001111', from: '+15550000001' },
				{ phone: '+15550002222', from: '+15550000002' },
				{ phone: '+15550003333', from: '+15550000001' },
			],
			credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.messageCount)).toEqual([2, 1]);
		expect(sandbox.messages.map((m) => [m.phoneNumber, m.from])).toEqual([
			['+15550001111', '+15550000001'],
			['+15550003333', '+15550000001'],
			['+15550002222', '+15550000002'],
		]);
		expect(result.items.map((i) => i.json.from)).toEqual([
			'+15550000001',
			'+15550000002',
			'+15550000001',
		]);
		expect(
			result.items.every((i) => i.json.callbackUrl === 'https://n8n.example.com/webhook/x/webhook'),
		).toBe(true);
	});

	test('batch size is configurable', async () => {
		await run(contacts(7), { batchSize: 3 });
		expect(sandbox.requests.map((r) => r.messageCount)).toEqual([3, 3, 1]);
	});
});

describe('rate limit', () => {
	test("40 requests' worth of items under a 10/s sandbox limit: no 429, and no faster than the limit allows", async () => {
		sandbox.configure({ rateLimitPerSecond: 10 });
		const started = Date.now();
		const result = await run(contacts(40 * 5), { batchSize: 5 });
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(40);
		expect(sandbox.requests.filter((r) => r.statusCode === 429)).toHaveLength(0);
		// 40 requests at 10 per second: the 40th cannot start before 3 full windows have passed.
		expect(elapsed).toBeGreaterThanOrEqual(3000);
		expect(new Set(sandbox.messages.map((m) => m.phoneNumber)).size).toBe(200);
	});
});

describe('retries', () => {
	test.each([
		['429 with Retry-After', { kind: 'rate-limit' as const, retryAfterSeconds: 1 }],
		['429 without Retry-After', { kind: 'rate-limit' as const }],
		['503 maintenance (code 2020)', { kind: 'maintenance' as const }],
	])('%s is retried and every message is accepted exactly once', async (_name, fault) => {
		sandbox.faults.add({ ...fault, count: 2 });
		const items = contacts(60);
		const result = await run(items);
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.statusCode).filter((s) => s !== 200)).toHaveLength(2);
		expect(acceptedPhones().sort()).toEqual(items.map((i) => i.phone).sort());
		expect(result.items.every((i) => i.json.status === 'accepted')).toBe(true);
	});

	test('Retry-After is honoured', async () => {
		sandbox.faults.add({ kind: 'rate-limit', retryAfterSeconds: 2 });
		const started = Date.now();
		await run(contacts(1));
		expect(Date.now() - started).toBeGreaterThanOrEqual(1990);
		expect(sandbox.messages).toHaveLength(1);
	});

	test('429s do not count against Max Retries: a 429 proves nothing was sent, so it is retried', async () => {
		sandbox.faults.add({ kind: 'rate-limit', count: 3 });
		const items = contacts(2);
		const result = await run(items, { maxRetries: 1 });
		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.statusCode)).toEqual([429, 429, 429, 200]);
		expect(acceptedPhones()).toEqual(items.map((i) => i.phone));
	});

	test('maintenance gives up after Max Retries with guidance, having sent nothing', async () => {
		sandbox.faults.add({ kind: 'maintenance', count: 3 });
		const result = await run(contacts(2), { maxRetries: 2 });
		expect(sandbox.requests).toHaveLength(3);
		expect(result.error?.message).toBe(
			'Insider is in maintenance mode (503, code 2020), still after 2 retries',
		);
		expect(result.error?.description).toMatch(/Run the workflow again later/);
		expect(sandbox.messages).toHaveLength(0);
	});

	test('a connection refused is retried (nothing can have been sent)', async () => {
		const result = await runInsiderWhatsApp({
			parameters: quickReplyParameters({ options: { maxRetries: 1 } }),
			items: contacts(1),
			credentials: { apiKey: TEST_KEY, baseUrl: 'http://127.0.0.1:9' },
		});
		expect(result.error?.message).toMatch(
			/^Could not reach Insider at http:\/\/127.0.0.1:9 \(connection refused\), still after 1 retries/,
		);
	});

	test('an accepted-then-reset request is not retried and its items report unknown delivery', async () => {
		sandbox.faults.add({ kind: 'accept-then-reset' });
		const result = await run(contacts(3), {}, { continueOnFail: true });
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.messages).toHaveLength(3);
		for (const item of result.items) {
			expect(item.json.status).toBe('unknown');
			expect(item.json.error).toMatch(
				/^Delivery unknown: the connection to Insider failed before its answer arrived/,
			);
			expect(item.json.errorDescription).toMatch(/check whether they received the message/);
		}
	});

	test('a 500 is not retried: delivery is unknown', async () => {
		sandbox.faults.add({ kind: 'server-error' });
		const result = await run(contacts(2));
		expect(sandbox.requests).toHaveLength(1);
		expect(result.error?.message).toBe(
			'Delivery unknown: Insider answered 500 after receiving the request',
		);
	});
});

describe('a request Insider rejects as invalid', () => {
	test('is split until the offender stands alone; all valid messages are accepted once', async () => {
		// A rule only Insider knows: the node's own checks pass, Insider refuses this recipient.
		sandbox.configure({ rejectedRecipients: ['+15551000004'] });
		const items = contacts(10);
		const result = await run(items, {}, { continueOnFail: true });
		expect(acceptedPhones().sort()).toEqual(
			items
				.filter((_, i) => i !== 4)
				.map((i) => i.phone)
				.sort(),
		);
		expect(result.items.map((i) => i.json.status)).toEqual([
			'accepted',
			'accepted',
			'accepted',
			'accepted',
			'failed',
			'accepted',
			'accepted',
			'accepted',
			'accepted',
			'accepted',
		]);
		expect(result.items[4].json.error).toBe(
			'Insider rejected the message (code 2002, failed to validate request)',
		);
		expect(result.items[4].json.errorDescription).toMatch(/recipient refused by Insider/);
		expect(sandbox.requests.filter((r) => r.statusCode === 400).length).toBeGreaterThan(1);
	});
});

describe('Insider errors become guidance', () => {
	test('401: check the key; the key appears in no output or error', async () => {
		const wrongKey = 'INS.this-is-a-secret-key';
		const result = await run(contacts(2), {}, { apiKey: wrongKey });
		expect(result.error?.message).toBe('Insider rejected the API key (401 unauthorized)');
		expect(result.error?.description).toMatch(/copy the WhatsApp API key from InOne again/);
		expect(JSON.stringify(result.run)).not.toContain(wrongKey);
		expect(JSON.stringify(result.error, Object.getOwnPropertyNames(result.error))).not.toContain(
			wrongKey,
		);
	});

	test('403 code 1088: allow-list the server IP, check the User-Agent', async () => {
		const result = await run(contacts(1), {}, { apiKey: RESTRICTED_KEY });
		expect(result.error?.message).toBe(
			"Insider blocked this server's IP address (403, code 1088 ip-restricted)",
		);
		expect(result.error?.description).toMatch(/IP allow-list in InOne/);
		expect(result.error?.description).toMatch(/User-Agent "n8n-nodes-insider-whatsapp\/0.1.0"/);
		expect(JSON.stringify(result.run)).not.toContain(RESTRICTED_KEY);
	});

	test('under Continue On Fail, a 401 fails every item with the same guidance and sends nothing further', async () => {
		const result = await run(contacts(120), {}, { continueOnFail: true, apiKey: 'INS.wrong' });
		expect(sandbox.requests).toHaveLength(1);
		expect(result.items).toHaveLength(120);
		expect(result.items[0].json.error).toBe('Insider rejected the API key (401 unauthorized)');
		expect(result.items[119].json.status).toBe('notSent');
		expect(result.items[119].json.error).toMatch(
			/sending stopped earlier in this execution \(Insider rejected the API key/,
		);
		result.items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
	});

	test('stopping after some items were accepted reports how many and their keys', async () => {
		// The second request hits maintenance that outlasts the retries.
		sandbox.faults.add({ kind: 'delay', delayMs: 1, count: 1 });
		sandbox.faults.add({ kind: 'maintenance', count: 5 });
		const result = await run(contacts(4), { batchSize: 2, maxRetries: 1, requestsPerSecond: 1 });
		expect(result.error?.message).toMatch(
			/^2 of 4 items were already accepted by Insider, then sending stopped: Insider is in maintenance mode/,
		);
		for (const message of sandbox.messages)
			expect(result.error?.description).toContain(message.key);
		expect(result.error?.description).toMatch(/Do not run this node again on all items/);
	});
});
