/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sandbox keys */
/** Mark as Read in n8n-core's engine against the sandbox over loopback. */
import { DEFAULT_PHONE_NUMBER_ID } from '../../sandbox/options';
import type { InsiderSandbox } from '../../sandbox/server';
import { runInsiderWhatsApp } from '../support/engine';
import { startReceiver, waitFor } from '../support/http';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';

const RESTRICTED_KEY = 'INS.restricted-key-7777';
let sandbox: InsiderSandbox;
let webhook: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
	webhook = await startReceiver();
	sandbox = await startTestSandbox({
		keys: [TEST_KEY, RESTRICTED_KEY],
		ipRestrictedKeys: [RESTRICTED_KEY],
		rateLimitPerSecond: 0,
		webhook: { url: webhook.url },
	});
});
afterAll(async () => {
	await sandbox.stop();
	await webhook.stop();
});
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ rateLimitPerSecond: 0 });
});

/** The contact writes `count` messages; the trigger's items for them. */
async function contactWrites(count: number, phoneNumber = '+15550001111') {
	for (let i = 0; i < count; i++) await sandbox.sendReply(`message ${i}`, { phoneNumber });
	return sandbox.inbound
		.slice(-count)
		.map((m) => ({ messageId: m.waMessageId, phoneNumberId: DEFAULT_PHONE_NUMBER_ID }));
}

const markAsRead = (
	items: object[],
	fields: Record<string, unknown> = {},
	extra: { continueOnFail?: boolean; apiKey?: string; phoneNumberId?: string } = {},
) =>
	runInsiderWhatsApp({
		parameters: {
			resource: 'message',
			operation: 'markAsRead',
			messageId: '={{ $json.messageId }}',
			phoneNumberId: '={{ $json.phoneNumberId }}',
			...fields,
		},
		items: items as never,
		credentials: {
			apiKey: extra.apiKey ?? TEST_KEY,
			baseUrl: sandbox.url,
			...(extra.phoneNumberId ? { phoneNumberId: extra.phoneNumberId } : {}),
		},
		continueOnFail: extra.continueOnFail,
	});

const readRequests = () => sandbox.requests.filter((r) => r.kind === 'read');

describe('Mark as Read', () => {
	test("sends Meta's read receipt with the typing indicator, byte for byte, and the contact sees it", async () => {
		const [item] = await contactWrites(1);
		const result = await markAsRead([item]);
		expect(result.error).toBeUndefined();
		expect(readRequests().map((r) => [r.endpoint, r.body])).toEqual([
			[
				`/v1/${DEFAULT_PHONE_NUMBER_ID}/messages`,
				JSON.stringify({
					messaging_product: 'whatsapp',
					status: 'read',
					message_id: item.messageId,
					typing_indicator: { type: 'text' },
				}),
			],
		]);
		expect(result.items.map((i) => [i.json, i.pairedItem])).toEqual([
			[
				{
					messageId: item.messageId,
					phoneNumberId: DEFAULT_PHONE_NUMBER_ID,
					typing: true,
					status: 'read',
				},
				{ item: 0 },
			],
		]);
		expect(sandbox.inbound.map((m) => m.status)).toEqual(['read']);
		expect(sandbox.typing().map((t) => t.phoneNumber)).toEqual(['+15550001111']);
	});

	test('with Show Typing Indicator off, the receipt has no typing_indicator', async () => {
		const [item] = await contactWrites(1);
		const result = await markAsRead([item], { showTypingIndicator: false });
		expect(result.items[0].json.typing).toBe(false);
		expect(readRequests().map((r) => JSON.parse(r.body))).toEqual([
			{ messaging_product: 'whatsapp', status: 'read', message_id: item.messageId },
		]);
		expect(sandbox.receipts.map((r) => r.typing)).toEqual([false]);
		expect(sandbox.typing()).toEqual([]);
	});

	test("the credential's Phone Number ID is used when the item carries none", async () => {
		const [item] = await contactWrites(1);
		const result = await markAsRead(
			[{ messageId: item.messageId, phoneNumberId: null }],
			{},
			{ phoneNumberId: DEFAULT_PHONE_NUMBER_ID },
		);
		expect(result.error).toBeUndefined();
		expect(readRequests().map((r) => r.endpoint)).toEqual([
			`/v1/${DEFAULT_PHONE_NUMBER_ID}/messages`,
		]);
	});

	test('every item is checked before the first request: a missing ID names the item and field', async () => {
		const [first] = await contactWrites(1);
		const missingMessage = await markAsRead([first, { phoneNumberId: DEFAULT_PHONE_NUMBER_ID }]);
		expect(missingMessage.error?.message).toBe(
			"Item 1, Message ID: is empty: give the wamid of the contact's message (the Insider WhatsApp Trigger's messageId)",
		);
		const missingNumber = await markAsRead([first, { messageId: first.messageId }]);
		expect(missingNumber.error?.message).toMatch(
			/^Item 1, Phone Number ID: is empty, and the credential has none either/,
		);
		expect(sandbox.requests).toEqual([]);
	});

	test('30 items under a 10/s sandbox limit: each read once, no 429', async () => {
		sandbox.configure({ rateLimitPerSecond: 10 });
		const items = await contactWrites(30);
		const result = await markAsRead(items);
		expect(result.error).toBeUndefined();
		expect(readRequests().filter((r) => r.statusCode !== 200)).toEqual([]);
		expect(sandbox.receipts.map((r) => r.messageId).sort()).toEqual(
			items.map((i) => i.messageId).sort(),
		);
		expect(result.items.map((i) => i.json.messageId)).toEqual(items.map((i) => i.messageId));
	});

	test.each([
		['429', { kind: 'rate-limit' as const, retryAfterSeconds: 0 }],
		['503 maintenance', { kind: 'maintenance' as const }],
		['500', { kind: 'server-error' as const }],
		['a reset connection', { kind: 'reset' as const }],
	])('%s is asked again: nothing a contact sees could be sent twice', async (_name, fault) => {
		const [item] = await contactWrites(1);
		sandbox.faults.add({ ...fault, count: 2 });
		const result = await markAsRead([item], { options: { maxRetries: 3 } });
		expect(result.error).toBeUndefined();
		expect(readRequests()).toHaveLength(3);
		expect(sandbox.receipts).toHaveLength(1);
	});

	test('a wrong key fails after one request, with what to do', async () => {
		const items = await contactWrites(3);
		const result = await markAsRead(items, {}, { apiKey: 'INS.wrong' });
		expect(result.error?.message).toBe('Insider rejected the API key (401 unauthorized)');
		expect(result.error?.description).toMatch(/Check the API key in the "Insider WhatsApp API"/);
		expect(sandbox.requests).toHaveLength(1);
	});

	test("Insider's refusal names what to check; Continue On Fail keeps the others", async () => {
		const [good] = await contactWrites(1);
		const unknown = { messageId: 'wamid.unknown', phoneNumberId: DEFAULT_PHONE_NUMBER_ID };
		const failed = await markAsRead([good, unknown]);
		expect(failed.error?.message).toBe(
			'Insider refused to mark the message as read (400, code 2002)',
		);
		expect(failed.error?.description).toMatch(/^Check Message ID .*Insider said: .*message_id/);

		sandbox.reset();
		const [again] = await contactWrites(1);
		const kept = await markAsRead([unknown, again], {}, { continueOnFail: true });
		expect(kept.items.map((i) => [i.json.status, i.json.messageId])).toEqual([
			['failed', 'wamid.unknown'],
			['read', again.messageId],
		]);
		expect(kept.items[0].json.error).toBe(
			'Insider refused to mark the message as read (400, code 2002)',
		);
	});

	test('Stop: no request starts after it, and the run ends at once', async () => {
		const items = await contactWrites(20);
		let stop = () => {};
		const running = runInsiderWhatsApp({
			parameters: {
				resource: 'message',
				operation: 'markAsRead',
				options: { requestsPerSecond: 1 },
			},
			items,
			credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
			onStart: (s) => (stop = s),
		});
		await waitFor(() => readRequests().length >= 1, 10_000, 'the first receipt');
		stop();
		await running;
		// One per second: the second receipt may have had its turn just as Stop came, no later one.
		const requested = readRequests().length;
		expect(requested).toBeLessThanOrEqual(2);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(readRequests()).toHaveLength(requested);
	});
});
