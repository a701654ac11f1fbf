/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the token is a fake test token */
/**
 * Every body of test/trigger/payloadCases.ts, with its exact bytes and content type, posted to
 * a real n8n of both lines, through both ways a workflow takes Insider's callbacks: the Insider
 * WhatsApp Trigger's production URL, and n8n's Webhook node followed by Read Callback Events.
 * Each workflow collects the items of an execution (Aggregate) and forwards them in one request
 * to a recorder, so each case shows the answer Insider gets and the items of the one execution
 * it started.
 */
import { postBytes, startReceiver, waitFor } from '../support/http';
import type { Recorder } from '../support/http';
import type { PayloadCase } from '../trigger/payloadCases';
import {
	contentTypeOf,
	PAYLOAD_CASES,
	REFUSED_BODIES,
	resolveReceivedAt,
} from '../trigger/payloadCases';
import type { ReceiverKind } from '../../dev/n8n/callbackReceivers';
import { receiverUrl, receiverWorkflow } from '../../dev/n8n/callbackReceivers';
import type { N8nVersionSpec } from '../../dev/n8n/n8nInstall';
import { ensureN8n, N8N_VERSIONS } from '../../dev/n8n/n8nInstall';
import { N8nInstance } from '../../dev/n8n/n8nInstance';
import { webhookCredential } from './harness/workflows';

const TOKEN = 'e2e-bodies-token-0123456789';
/** Workflow ids, also the Webhook node's path and the trigger's webhook id. */
const TRIGGER_ID = 'e2eTriggerBodies';
const WEBHOOK_READ_ID = 'e2eWebhookReadBodies';

/** The items of each execution of one workflow, in the order they reached the recorder. */
const collectedItems = (recorder: Recorder, id: string) =>
	recorder.received
		.map((r) => r.body as { source: string; items: Array<Record<string, unknown>> })
		.filter((body) => body.source === id)
		.map((body) => body.items);

const withEvents = PAYLOAD_CASES.filter((c) => c.expectedItems.length > 0);

describe.each([
	['n8n 2.x', N8N_VERSIONS.v2],
	['n8n 1.x', N8N_VERSIONS.v1],
] as Array<[string, N8nVersionSpec]>)('%s', (_label, spec) => {
	let recorder: Recorder;
	let n8n: N8nInstance;
	const url = (kind: ReceiverKind, id: string) => receiverUrl(kind, n8n.url, id, TOKEN);

	beforeAll(async () => {
		const install = await ensureN8n(spec);
		recorder = await startReceiver();
		n8n = new N8nInstance(install);
		await n8n.importCredentials([webhookCredential(TOKEN)]);
		// No deduplication: cases repeat samples.
		const collecting = { recorderUrl: recorder.url, deduplicate: false, collect: true };
		await n8n.importWorkflows([
			receiverWorkflow('trigger', { id: TRIGGER_ID, ...collecting }),
			receiverWorkflow('webhookRead', { id: WEBHOOK_READ_ID, ...collecting }),
		]);
		await n8n.start();
	});

	afterAll(async () => {
		await n8n?.stop();
		await recorder?.stop();
	});

	/** Posts a case and checks the items of the execution it started (the n-th of `id`). */
	async function expectItems(id: string, payloadCase: PayloadCase, before: Date) {
		const execution = withEvents.indexOf(payloadCase);
		await waitFor(
			() => collectedItems(recorder, id).length > execution,
			60_000,
			`the items of ${payloadCase.name}`,
		);
		const after = new Date();
		const items = collectedItems(recorder, id)[execution];
		expect(items).toEqual(resolveReceivedAt(payloadCase.expectedItems, items, before, after));
	}

	describe('the Insider WhatsApp Trigger', () => {
		test.each(PAYLOAD_CASES.map((c) => [c.name, c] as const))(
			'%s: answered 200 with its event count; its items in one execution',
			async (_name, payloadCase) => {
				const before = new Date();
				const answer = await postBytes(
					url('trigger', TRIGGER_ID),
					payloadCase.body,
					contentTypeOf(payloadCase),
				);
				const expectedCount = payloadCase.expectedItems.length;
				expect(answer).toEqual({ status: 200, body: { received: true, events: expectedCount } });
				if (expectedCount > 0) await expectItems(TRIGGER_ID, payloadCase, before);
			},
		);

		test.each(REFUSED_BODIES.map((c) => [c.name, c] as const))(
			'%s: 400 saying the body is not JSON',
			async (_name, refused) => {
				const answer = await postBytes(
					url('trigger', TRIGGER_ID),
					refused.body,
					contentTypeOf(refused),
				);
				expect(answer.status).toBe(400);
				const { message } = answer.body as { message: string };
				if (refused.reason) expect(message).toBe(`The body is not JSON: ${refused.reason}`);
				else expect(message).toMatch(/^The body is not JSON: \S/);
			},
		);

		test('a body labelled application/json that is not JSON is refused by n8n itself (422)', async () => {
			const answer = await postBytes(
				url('trigger', TRIGGER_ID),
				'{"key": "whatsapp-1", ',
				'application/json',
			);
			expect(answer.status).toBe(422);
		});

		test('a wrong token still gets 401 whatever the body', async () => {
			const wrongToken = url('trigger', TRIGGER_ID).replace(TOKEN, 'wrong-token');
			const answer = await postBytes(wrongToken, '[1, 2]', 'text/plain');
			expect(answer).toEqual({ status: 401, body: { message: 'unauthorized' } });
		});

		test('only the bodies with events started an execution, one each', async () => {
			expect(await n8n.executionCount(TRIGGER_ID)).toBe(withEvents.length);
			expect(collectedItems(recorder, TRIGGER_ID)).toHaveLength(withEvents.length);
		});
	});

	describe("n8n's Webhook node + Read Callback Events", () => {
		test.each(PAYLOAD_CASES.map((c) => [c.name, c] as const))(
			"%s: answered on receipt; the trigger's items",
			async (_name, payloadCase) => {
				const before = new Date();
				const answer = await postBytes(
					url('webhookRead', WEBHOOK_READ_ID),
					payloadCase.body,
					contentTypeOf(payloadCase),
				);
				expect(answer.status).toBe(200);
				if (payloadCase.expectedItems.length > 0)
					await expectItems(WEBHOOK_READ_ID, payloadCase, before);
			},
		);

		test.each(REFUSED_BODIES.map((c) => [c.name, c] as const))(
			'%s: answered on receipt, then the execution fails naming the item and the field',
			async (_name, refused) => {
				const failed = async () =>
					await n8n.query<{ data: string }>(
						`SELECT d.data AS data FROM execution_data d JOIN execution_entity e ON e.id = d.executionId WHERE e.workflowId = '${WEBHOOK_READ_ID}' AND e.status = 'error' ORDER BY e.id DESC`,
					);
				const failedBefore = (await failed()).length;
				const answer = await postBytes(
					url('webhookRead', WEBHOOK_READ_ID),
					refused.body,
					contentTypeOf(refused),
				);
				expect(answer.status).toBe(200);
				// n8n 1.x marks the execution failed before it saves its run data: wait for both.
				const [{ data }] = await waitFor(
					async () => {
						const rows = await failed();
						return (
							rows.length > failedBefore && rows[0].data.includes('Read Callback Events') && rows
						);
					},
					60_000,
					'the failed execution and its run data',
				);
				expect(data).toContain('Item 0, Body Field \\"body\\": holds no JSON: ');
			},
		);
	});
});
