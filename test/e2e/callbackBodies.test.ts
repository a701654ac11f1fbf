/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the token is a fake test token */
/**
 * Every body of test/trigger/payloadCases.ts, with its exact bytes and content type, posted to
 * a real n8n of both lines, through both ways a workflow takes Insider's callbacks: the Insider
 * WhatsApp Trigger's production URL, and n8n's Webhook node followed by Read Callback Events.
 * Each workflow collects the items of an execution (Aggregate) and forwards them in one request
 * to a recorder, so each case shows the answer Insider gets and the items of the one execution
 * it started. Hostile bodies and the sandbox's contact (its photo and voice note, as Insider
 * forwards them) go to the trigger too.
 */
import { DEFAULT_PHONE_NUMBER_ID } from '../../sandbox/options';
import { SAMPLE_PHOTO_ID, SAMPLE_VOICE_NOTE_ID } from '../../sandbox/server';
import { client, postBytes, startReceiver, waitFor } from '../support/http';
import { startTestSandbox } from '../support/sandbox';
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
import { BOTH_N8N_LINES, ensureN8n } from '../../dev/n8n/n8nInstall';
import { N8nInstance } from '../../dev/n8n/n8nInstance';
import { residentMiB } from '../../dev/procfs';
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

describe.each(BOTH_N8N_LINES)('%s', (label, spec) => {
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

	/** The items of the `index`-th execution of `id` (from 0), once it has forwarded them. */
	async function itemsOf(id: string, index: number) {
		await waitFor(
			() => collectedItems(recorder, id).length > index,
			60_000,
			`execution ${index + 1} of ${id}`,
		);
		return collectedItems(recorder, id)[index];
	}

	/** Checks the items of the execution a case started (cases with events run in table order). */
	async function expectItems(id: string, payloadCase: PayloadCase, before: Date) {
		const items = await itemsOf(id, withEvents.indexOf(payloadCase));
		const after = new Date();
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

		test('8 MB of zeros in an array: 413, nothing started, and n8n stays up and small', async () => {
			const zeros = `[${'0,'.repeat(4_000_000)}0]`;
			// n8n parses every JSON body before any node sees it, and its heap grows for the first
			// large one: the same body with a wrong token (refused before it is read) warms that up,
			// so what is measured next is what reading it costs.
			const wrongToken = url('trigger', TRIGGER_ID).replace(TOKEN, 'wrong-token-0123456789');
			for (let round = 0; round < 2; round++) {
				expect((await postBytes(wrongToken, zeros, 'application/json')).status).toBe(401);
			}
			const rssBefore = residentMiB(n8n.pid as number);
			const answer = await postBytes(url('trigger', TRIGGER_ID), zeros, 'application/json');
			expect(answer).toEqual({
				status: 413,
				body: {
					message: 'The body is too large: its JSON array holds 4000001 values; the limit is 1000',
				},
			});
			const growth = residentMiB(n8n.pid as number) - rssBefore;
			const seen = collectedItems(recorder, TRIGGER_ID).length;
			const next = JSON.stringify({ key: 'whatsapp-after', status: 'sent' });
			expect(await postBytes(url('trigger', TRIGGER_ID), next, 'application/json')).toEqual({
				status: 200,
				body: { received: true, events: 1 },
			});
			await itemsOf(TRIGGER_ID, seen);
			process.stdout.write(
				`${label}: n8n's RSS grew ${growth.toFixed(0)} MB reading the 8 MB array\n`,
			);
			expect(growth).toBeLessThan(100);
		});

		test('a status nested 3,217 levels deep beside a good one: 200, and the good event comes out', async () => {
			const good = { key: 'whatsapp-beside-deep', status: 'delivered', timestamp: '1750263800' };
			const deep = `{"key":"k","status":${'['.repeat(3217)}0${']'.repeat(3217)}}`;
			const seen = collectedItems(recorder, TRIGGER_ID).length;
			const answer = await postBytes(
				url('trigger', TRIGGER_ID),
				`[${JSON.stringify(good)},${deep}]`,
				'application/json',
			);
			expect(answer).toEqual({ status: 200, body: { received: true, events: 2 } });
			const items = await itemsOf(TRIGGER_ID, seen);
			expect(items.map((item) => [item.event, item.key])).toEqual([
				['delivered', 'whatsapp-beside-deep'],
				['unknown', 'k'],
			]);
		});

		test("the sandbox's contact sends its photo and voice note: items with their media ids", async () => {
			const sandbox = await startTestSandbox({ webhook: { url: url('trigger', TRIGGER_ID) } });
			try {
				const items = [];
				for (const route of ['photo', 'voice']) {
					const seen = collectedItems(recorder, TRIGGER_ID).length;
					const answer = await client.post(`${sandbox.url}/sandbox/${route}`, { caption: 'Look' });
					expect(answer.data).toEqual({ delivered: true });
					items.push(...(await itemsOf(TRIGGER_ID, seen)));
				}
				const media = (id: string) => sandbox.mediaFile(id)!;
				expect(items).toMatchObject([
					{
						event: 'message',
						messageType: 'image',
						messageId: sandbox.inbound[0].waMessageId,
						phoneNumberId: DEFAULT_PHONE_NUMBER_ID,
						text: 'Look',
						media: { id: SAMPLE_PHOTO_ID, sha256: media(SAMPLE_PHOTO_ID).sha256, voice: false },
					},
					{
						event: 'message',
						messageType: 'audio',
						media: { id: SAMPLE_VOICE_NOTE_ID, mimeType: 'audio/ogg; codecs=opus', voice: true },
					},
				]);
			} finally {
				await sandbox.stop();
			}
		});

		test('only the bodies with events started an execution, one each', async () => {
			const hostileCases = 2;
			const sandboxPosts = 2;
			const started = withEvents.length + hostileCases + sandboxPosts;
			expect(await n8n.executionCount(TRIGGER_ID)).toBe(started);
			expect(collectedItems(recorder, TRIGGER_ID)).toHaveLength(started);
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
