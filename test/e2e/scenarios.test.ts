/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sandbox keys */
/**
 * The product in a real n8n, on both supported lines: the built package installed as a
 * community package, workflows imported and activated with n8n's CLI, the sandbox as Insider.
 */
import type { InsiderSandbox } from '../../sandbox/server';
import { USER_AGENT } from '../../nodes/InsiderWhatsApp/constants';
import { client, startReceiver, waitFor } from '../support/http';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import { E2E_TIME_SCALE, RETRY_HORIZON_MS } from './harness/callbackTime';
import { BOTH_N8N_LINES, ensureN8n } from '../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../dev/n8n/n8nInstance';
import { credentials, forwardingTriggerWorkflow, sendWorkflow } from './harness/workflows';

const WEBHOOK_TOKEN = 'e2e-webhook-token-0123456789';
const FAILING_RECIPIENT = '+15550009999';

type RecordedItem = {
	event: string;
	key: string | null;
	error: unknown;
	reply: unknown;
	timestamp: string;
	[field: string]: unknown;
};
type Recorded = { source: string; item: RecordedItem };

describe.each(BOTH_N8N_LINES)('%s', (_label, spec) => {
	let sandbox: InsiderSandbox;
	let recorder: Awaited<ReturnType<typeof startReceiver>>;
	let n8n: N8nInstance;
	let statusUrl: string;
	const recorded = () => recorder.received.map((r) => r.body as Recorded);

	beforeAll(async () => {
		const install = await ensureN8n(spec);
		sandbox = await startTestSandbox({
			rateLimitPerSecond: 10,
			timeScale: E2E_TIME_SCALE,
			eventIntervalMs: 20,
			failingRecipients: [FAILING_RECIPIENT],
		});
		recorder = await startReceiver();
		const port = await freePort();
		n8n = new N8nInstance(install, { port });
		statusUrl = `http://127.0.0.1:${port}/webhook/e2e-status/webhook?token=${WEBHOOK_TOKEN}`;
		await n8n.importCredentials(credentials(sandbox.url, TEST_KEY, WEBHOOK_TOKEN));
		await n8n.importWorkflows([
			sendWorkflow({ id: 'e2eSend', path: 'send', callbackUrl: statusUrl }),
			sendWorkflow({
				id: 'e2eSendCof',
				path: 'send-cof',
				continueOnFail: true,
				buttonTitle: '={{ $json.title }}',
			}),
			sendWorkflow({ id: 'e2eSendBulk', path: 'send-bulk' }),
			forwardingTriggerWorkflow({
				id: 'e2eStatus',
				webhookId: 'e2e-status',
				authentication: 'urlToken',
				recorderUrl: recorder.url,
				label: 'status',
			}),
			forwardingTriggerWorkflow({
				id: 'e2eReplies',
				webhookId: 'e2e-replies',
				authentication: 'bearerToken',
				recorderUrl: recorder.url,
				label: 'replies',
			}),
		]);
		await n8n.start();
		sandbox.configure({
			webhook: { url: `${n8n.url}/webhook/e2e-replies/webhook`, token: WEBHOOK_TOKEN },
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await recorder?.stop();
		await sandbox?.stop();
	});

	const send = async (path: string, contacts: object[]) => {
		const response = await client.post(
			`${n8n.url}/webhook/${path}`,
			{ contacts },
			{ timeout: 120_000 },
		);
		if (response.status !== 200)
			throw new Error(
				`webhook ${path} answered ${response.status}: ${JSON.stringify(response.data)}\n${n8n.log().slice(-3000)}`,
			);
		return response.data as Array<Record<string, unknown>>;
	};

	const contacts = [
		{ phone: '+15550001111', name: 'Ada' },
		{ phone: '+1 555 000 2222', name: 'Linus' },
		{ phone: '+15550003333', name: 'Grace' },
	];
	let keys: string[] = [];

	test('1. a workflow sends three quick replies: the sandbox records the documented payloads and the response carries the keys', async () => {
		const items = await send('send', contacts);
		expect(items).toHaveLength(3);
		keys = items.map((item) => item.key as string);
		expect(items.map((item) => item.status)).toEqual(['accepted', 'accepted', 'accepted']);
		expect(items.map((item) => item.phoneNumber)).toEqual([
			'+15550001111',
			'+15550002222',
			'+15550003333',
		]);
		expect(sandbox.messages.map((m) => m.key)).toEqual(keys);
		sandbox.messages.forEach((message, index) => {
			expect(message.callback).toBe(statusUrl);
			expect(message.message).toEqual({
				type: 'interactive',
				interactive: {
					type: 'button',
					header: { type: 'text', text: 'Your order has shipped' },
					body: {
						text: `Hi ${contacts[index].name}, would you like delivery updates on WhatsApp?`,
					},
					footer: { text: 'Reply STOP to opt out' },
					action: {
						buttons: [
							{ type: 'reply', reply: { id: 'updates_yes', title: 'Yes please' } },
							{ type: 'reply', reply: { id: 'updates_no', title: 'No thanks' } },
						],
					},
				},
			});
		});
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].userAgent).toBe(USER_AGENT);
	});

	test('2. status callbacks reach the trigger: accepted, sent, delivered and read for each key', async () => {
		const statusesOf = (key: string) =>
			recorded()
				.filter((r) => r.source === 'status' && r.item.key === key)
				.map((r) => r.item.event);
		await waitFor(
			() => keys.every((key) => statusesOf(key).length >= 4),
			RETRY_HORIZON_MS,
			'four statuses per key',
		);
		for (const key of keys)
			expect(statusesOf(key).sort()).toEqual(['accepted', 'delivered', 'read', 'sent']);
		const read = recorded().find((r) => r.item.key === keys[0] && r.item.event === 'read')?.item;
		expect(read).toMatchObject({
			phoneNumber: '+15550001111',
			messageId: sandbox.messages[0].waMessageId,
			error: null,
			reply: null,
		});
		expect(read?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
	});

	test('2b. a recipient outside the 24-hour window yields failed with error 131047', async () => {
		const [item] = await send('send', [{ phone: FAILING_RECIPIENT, name: 'Late' }]);
		await waitFor(
			() => recorded().some((r) => r.item.key === item.key && r.item.event === 'failed'),
			RETRY_HORIZON_MS,
			'a failed status',
		);
		const failed = recorded().find(
			(r) => r.item.key === item.key && r.item.event === 'failed',
		)?.item;
		expect(failed?.error).toMatchObject({ code: 131047, title: 'Re-engagement message' });
	});

	test('3. a button tap reaches the bearer-authenticated trigger with the button and the original message id', async () => {
		// The tap may need Insider's retries when n8n is slow to answer, as in production.
		await sandbox.tapButton(keys[1], 'updates_yes');
		await waitFor(
			() => recorded().some((r) => r.source === 'replies'),
			RETRY_HORIZON_MS,
			'the reply',
		);
		const reply = recorded().find((r) => r.source === 'replies')?.item;
		expect(reply).toMatchObject({
			event: 'reply',
			key: keys[1],
			phoneNumber: '+15550002222',
			reply: {
				type: 'button',
				id: 'updates_yes',
				title: 'Yes please',
				contextMessageId: sandbox.messages[1].waMessageId,
			},
		});
	});

	test('4a. a callback is answered at once with the number of events it started the workflow with; its retry with none', async () => {
		const callback = { key: 'whatsapp-e2e-direct', status: 'read', timestamp: '1750263773' };
		const first = await client.post(statusUrl, callback);
		expect(first.status).toBe(200);
		expect(first.data).toEqual({ received: true, events: 1 });
		const retry = await client.post(statusUrl, callback);
		expect(retry.status).toBe(200);
		expect(retry.data).toEqual({ received: true, events: 0 });
	});

	test('4. a callback with a wrong token gets 401 and starts no execution; a valid one after it starts one', async () => {
		const before = await n8n.executionCount('e2eStatus');
		const response = await client.post(statusUrl.replace(WEBHOOK_TOKEN, 'wrong-token'), {
			key: 'whatsapp-x',
			status: 'read',
		});
		expect(response.status).toBe(401);
		const missing = await client.post(statusUrl.replace(`?token=${WEBHOOK_TOKEN}`, ''), {
			key: 'whatsapp-x',
			status: 'read',
		});
		expect(missing.status).toBe(401);
		// A valid callback posted after them runs and forwards its item: an execution a refused
		// callback had started would have been there first.
		const valid = { key: 'whatsapp-e2e-after-401', status: 'read', timestamp: '1750263774' };
		expect((await client.post(statusUrl, valid)).status).toBe(200);
		await waitFor(
			() => recorded().some((r) => r.item.key === valid.key),
			60_000,
			'the valid callback after the refused ones',
		);
		expect(await n8n.executionCount('e2eStatus')).toBe(before + 1);
		expect(before).toBeGreaterThan(0);
	});

	test('5. under Continue On Fail an item with a too-long button title becomes an error item while the others are sent', async () => {
		sandbox.reset();
		const items = await send('send-cof', [
			{ phone: '+15550004444', name: 'A', title: 'Yes please' },
			{ phone: '+15550005555', name: 'B', title: 'Yes please, every single update' },
			{ phone: '+15550006666', name: 'C', title: 'Sure' },
		]);
		expect(items).toHaveLength(3);
		expect(items[0]).toMatchObject({ status: 'accepted', phoneNumber: '+15550004444' });
		expect(items[1]).toEqual({
			error: 'Item 1, Button 1 Title: 31 characters long; the limit is 20 characters',
			status: 'invalid',
		});
		expect(items[2]).toMatchObject({ status: 'accepted', phoneNumber: '+15550006666' });
		expect(sandbox.messages.map((m) => m.phoneNumber)).toEqual(['+15550004444', '+15550006666']);
	});

	test('6. 500 contacts under a 10 requests/second limit: 500 keys, no 429, no duplicates', async () => {
		sandbox.reset();
		const bulk = Array.from({ length: 500 }, (_, i) => ({
			phone: `+1555${String(2000000 + i)}`,
			name: `Contact ${i}`,
		}));
		const items = await send('send-bulk', bulk);
		expect(items).toHaveLength(500);
		expect(new Set(items.map((item) => item.key)).size).toBe(500);
		expect(items.map((item) => item.phoneNumber)).toEqual(bulk.map((c) => c.phone));
		expect(sandbox.requests.filter((r) => r.statusCode === 429)).toHaveLength(0);
		expect(sandbox.messages).toHaveLength(500);
		expect(new Set(sandbox.messages.map((m) => m.phoneNumber)).size).toBe(500);
	});
});
