/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the token is a fake test token */
/**
 * Every body of test/trigger/payloadCases.ts, with its exact bytes and content type, posted to
 * the trigger's production URL in a real n8n of both lines. The workflow collects the items of
 * each execution (Aggregate) and forwards them in one request to a recorder, so each case
 * shows the answer Insider gets and the items the one execution it started holds. The sandbox's
 * contact posts its photo and voice note to the same trigger, as Insider forwards them.
 */
import fs from 'fs';
import http from 'http';

import { DEFAULT_PHONE_NUMBER_ID } from '../../sandbox/options';
import { SAMPLE_PHOTO_ID, SAMPLE_VOICE_NOTE_ID } from '../../sandbox/server';
import { client, startReceiver, waitFor } from '../support/http';
import { startTestSandbox } from '../support/sandbox';
import type { PayloadCase, RefusedBody } from '../trigger/payloadCases';
import { PAYLOAD_CASES, REFUSED_BODIES, resolveReceivedAt } from '../trigger/payloadCases';
import type { N8nVersionSpec } from '../../dev/n8n/n8nInstall';
import { ensureN8n, N8N_VERSIONS } from '../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../dev/n8n/n8nInstance';
import { credentials, PKG, WEBHOOK_CREDENTIAL } from './harness/workflows';

const TOKEN = 'e2e-bodies-token-0123456789';
const WORKFLOW_ID = 'e2eTriggerBodies';

/** Trigger (URL token, no deduplication: cases repeat samples) -> Aggregate -> forward. */
function collectingWorkflow(recorderUrl: string) {
	const node = (name: string, type: string, typeVersion: number, extra: object, x: number) => ({
		id: `${WORKFLOW_ID}-${x}`,
		name,
		type,
		typeVersion,
		position: [x * 240, 0],
		...extra,
	});
	const next = (name: string) => ({ main: [[{ node: name, type: 'main', index: 0 }]] });
	return {
		id: WORKFLOW_ID,
		name: 'E2E trigger bodies',
		nodes: [
			node(
				'Insider WhatsApp Trigger',
				`${PKG}.insiderWhatsAppTrigger`,
				1,
				{
					webhookId: 'e2e-bodies',
					credentials: { insiderWhatsAppWebhookApi: WEBHOOK_CREDENTIAL },
					parameters: { authentication: 'urlToken', options: { deduplicate: false } },
				},
				0,
			),
			node(
				'Aggregate',
				'n8n-nodes-base.aggregate',
				1,
				{
					parameters: { aggregate: 'aggregateAllItemData', destinationFieldName: 'items' },
				},
				1,
			),
			node(
				'Forward',
				'n8n-nodes-base.httpRequest',
				4.2,
				{
					parameters: {
						method: 'POST',
						url: recorderUrl,
						sendBody: true,
						specifyBody: 'json',
						jsonBody: '={{ JSON.stringify({ items: $json.items }) }}',
						options: {},
					},
				},
				2,
			),
		],
		connections: { 'Insider WhatsApp Trigger': next('Aggregate'), Aggregate: next('Forward') },
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** POSTs exactly these bytes with exactly this content type (or none). */
async function postRaw(url: string, text: string, contentType: string | null) {
	const data = Buffer.from(text, 'utf8');
	const headers: http.OutgoingHttpHeaders = { 'content-length': data.length };
	if (contentType) headers['content-type'] = contentType;
	return await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
		const request = http.request(url, { method: 'POST', headers }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				const answer = Buffer.concat(chunks).toString('utf8');
				let body: unknown = answer;
				try {
					body = JSON.parse(answer);
				} catch {
					/* not JSON: keep the text */
				}
				resolve({ status: response.statusCode ?? 0, body });
			});
		});
		request.on('error', reject);
		request.end(data);
	});
}

/** Resident memory of a process, in MB (Linux /proc). */
function residentMegabytes(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
}

const contentTypeOf = (body: PayloadCase | RefusedBody) =>
	body.contentType === undefined ? 'application/json' : body.contentType;

describe.each([
	['n8n 2.x', N8N_VERSIONS.v2],
	['n8n 1.x', N8N_VERSIONS.v1],
] as Array<[string, N8nVersionSpec]>)('%s', (_label, spec) => {
	let recorder: Awaited<ReturnType<typeof startReceiver>>;
	let n8n: N8nInstance;
	let url: string;
	let executions = 0;

	beforeAll(async () => {
		const install = await ensureN8n(spec);
		recorder = await startReceiver();
		n8n = new N8nInstance(install, { port: await freePort() });
		const webhookCredential = credentials('http://127.0.0.1:9', 'unused', TOKEN).filter(
			(credential) => credential.type === 'insiderWhatsAppWebhookApi',
		);
		await n8n.importCredentials(webhookCredential);
		await n8n.importWorkflows([collectingWorkflow(recorder.url)]);
		await n8n.start();
		url = `${n8n.url}/webhook/e2e-bodies/webhook?token=${TOKEN}`;
	});

	afterAll(async () => {
		await n8n?.stop();
		await recorder?.stop();
	});

	test.each(PAYLOAD_CASES.map((c) => [c.name, c] as const))(
		'%s: answered 200 with its event count; its items in one execution',
		async (_name, payloadCase) => {
			const before = new Date();
			const answer = await postRaw(url, payloadCase.body, contentTypeOf(payloadCase));
			const after = new Date();
			const expectedCount = payloadCase.expectedItems.length;
			expect(answer).toEqual({ status: 200, body: { received: true, events: expectedCount } });
			if (expectedCount === 0) return;
			executions += 1;
			await waitFor(() => recorder.received.length === executions, 60_000, 'the execution');
			const { items } = recorder.received[executions - 1].body as {
				items: Array<Record<string, unknown>>;
			};
			expect(items).toEqual(resolveReceivedAt(payloadCase.expectedItems, items, before, after));
		},
	);

	test.each(REFUSED_BODIES.map((c) => [c.name, c] as const))(
		'%s: 400 saying the body is not JSON',
		async (_name, refused) => {
			const answer = await postRaw(url, refused.body, contentTypeOf(refused));
			expect(answer.status).toBe(400);
			const { message } = answer.body as { message: string };
			if (refused.reason) expect(message).toBe(`The body is not JSON: ${refused.reason}`);
			else expect(message).toMatch(/^The body is not JSON: \S/);
		},
	);

	test('a body labelled application/json that is not JSON is refused by n8n itself (422)', async () => {
		const answer = await postRaw(url, '{"key": "whatsapp-1", ', 'application/json');
		expect(answer.status).toBe(422);
	});

	test('a wrong token still gets 401 whatever the body', async () => {
		const answer = await postRaw(url.replace(TOKEN, 'wrong-token'), '[1, 2]', 'text/plain');
		expect(answer).toEqual({ status: 401, body: { message: 'unauthorized' } });
	});

	test('8 MB of zeros in an array: 413, nothing started, and n8n stays up and small', async () => {
		const zeros = `[${'0,'.repeat(4_000_000)}0]`;
		// n8n parses every JSON body before any node sees it, and its heap grows for the first
		// large one: the same body with a wrong token (refused before it is read) warms that up,
		// so what is measured next is what reading it costs.
		const wrongToken = url.replace(TOKEN, 'wrong-token-0123456789');
		for (let round = 0; round < 2; round++) {
			expect((await postRaw(wrongToken, zeros, 'application/json')).status).toBe(401);
		}
		const rssBefore = residentMegabytes(n8n.pid as number);
		const answer = await postRaw(url, zeros, 'application/json');
		expect(answer).toEqual({
			status: 413,
			body: {
				message: 'The body is too large: its JSON array holds 4000001 values; the limit is 1000',
			},
		});
		const growth = residentMegabytes(n8n.pid as number) - rssBefore;
		const next = JSON.stringify({ key: 'whatsapp-after', status: 'sent' });
		expect(await postRaw(url, next, 'application/json')).toEqual({
			status: 200,
			body: { received: true, events: 1 },
		});
		executions += 1;
		await waitFor(() => recorder.received.length === executions, 60_000, 'the execution after');
		process.stdout.write(
			`${_label}: n8n's RSS grew ${growth.toFixed(0)} MB reading the 8 MB array\n`,
		);
		expect(growth).toBeLessThan(100);
	});

	test('a status nested 3,217 levels deep beside a good one: 200, and the good event comes out', async () => {
		const good = { key: 'whatsapp-beside-deep', status: 'delivered', timestamp: '1750263800' };
		const deep = `{"key":"k","status":${'['.repeat(3217)}0${']'.repeat(3217)}}`;
		const answer = await postRaw(url, `[${JSON.stringify(good)},${deep}]`, 'application/json');
		expect(answer).toEqual({ status: 200, body: { received: true, events: 2 } });
		executions += 1;
		await waitFor(() => recorder.received.length === executions, 60_000, 'the execution');
		const { items } = recorder.received[executions - 1].body as {
			items: Array<Record<string, unknown>>;
		};
		expect(items.map((item) => [item.event, item.key])).toEqual([
			['delivered', 'whatsapp-beside-deep'],
			['unknown', 'k'],
		]);
	});

	test("the sandbox's contact sends its photo and voice note: items with their media ids", async () => {
		const sandbox = await startTestSandbox({ webhook: { url } });
		try {
			const items = [];
			for (const route of ['photo', 'voice']) {
				const answer = await client.post(`${sandbox.url}/sandbox/${route}`, { caption: 'Look' });
				expect(answer.data).toEqual({ delivered: true });
				executions += 1;
				await waitFor(() => recorder.received.length === executions, 60_000, 'the execution');
				items.push(...(recorder.received[executions - 1].body as { items: unknown[] }).items);
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
		expect(executions).toBe(
			PAYLOAD_CASES.filter((c) => c.expectedItems.length > 0).length + hostileCases + sandboxPosts,
		);
		expect(await n8n.executionCount(WORKFLOW_ID)).toBe(executions);
		expect(recorder.received).toHaveLength(executions);
	});
});
