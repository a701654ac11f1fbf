/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, no-console -- development tooling: runs in plain Node, never inside n8n, and is not published; the tokens are fake test tokens */
/**
 * Callbacks at campaign scale in a real n8n 2.41.1: the same callback posted many times at once
 * passes Read Callback Events' deduplication once; after a burst that overloads n8n (requests
 * time out after Insider's 10 s), Insider's retries bring every event to the workflow exactly
 * once, through the trigger and through the Webhook node; and the example workflow for this
 * setup works as imported. (Every body of the payload table: callbackBodies.test.ts.)
 */
import type { InsiderSandbox } from '../../sandbox/server';
import { postBytes, postSend, startReceiver, waitFor } from '../support/http';
import { quickReply } from '../support/messages';
import { startTestSandbox } from '../support/sandbox';
import { callbackOutcomes } from './harness/callbackTime';
import { sample } from '../trigger/expectedItems';
import type { ReceiverKind } from '../../dev/n8n/callbackReceivers';
import { receiverUrl, receiverWorkflow, tally } from '../../dev/n8n/callbackReceivers';
import { EXAMPLE_TOKEN, exampleWorkflows } from '../../dev/n8n/examples';
import { ensureN8n, N8N_VERSIONS } from '../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../dev/n8n/n8nInstance';
import { webhookCredential } from './harness/workflows';

const TOKEN = 'e2e-scale-token-0123456789';
/**
 * Insider retries at 1, 2, 3, 8, …, 60 minutes. At 0.5 its hour of retries lasts 30 minutes,
 * several times what a 500-callback burst takes to drain through the trigger on this project's
 * busy 2 cores, as Insider's hour is against a real burst; the first retry comes after 30 s.
 */
const TIME_SCALE = 0.5;
/** Messages per burst; each gets accepted and delivered: 500 callbacks. */
const BURST_MESSAGES = 250;
/** Callbacks the sandbox has out at once, as a sender's pool of workers (first attempts and retries). */
const IN_FLIGHT = 100;
/**
 * How long n8n is stopped mid-burst, as a busy machine stalls: longer than Insider's 10 s, so
 * the requests then in flight time out on any machine, while n8n still holds them.
 */
const STALL_MS = 15_000;
const RETRY_WINDOW_MS = 60 * 60_000 * TIME_SCALE;

/** The status n8n answered these bytes with. */
const postStatus = async (...args: Parameters<typeof postBytes>) =>
	(await postBytes(...args)).status;

describe('callbacks at scale in n8n 2.41.1', () => {
	let sandbox: InsiderSandbox;
	let recorder: Awaited<ReturnType<typeof startReceiver>>;
	let n8n: N8nInstance;

	const fromSource = (source: string) =>
		recorder.received.filter((r) => (r.body as { source: string }).source === source);

	beforeAll(async () => {
		const install = await ensureN8n(N8N_VERSIONS.v2);
		sandbox = await startTestSandbox({
			rateLimitPerSecond: 0,
			timeScale: TIME_SCALE,
			eventIntervalMs: 50,
			statusEvents: ['delivered'],
			callbacksInFlight: IN_FLIGHT,
		});
		recorder = await startReceiver();
		n8n = new N8nInstance(install, { port: await freePort() });
		await n8n.importCredentials([
			webhookCredential(TOKEN),
			{
				id: 'insiderBearerHeader',
				name: 'Insider bearer (Header Auth)',
				type: 'httpHeaderAuth',
				data: { name: 'Authorization', value: `Bearer ${EXAMPLE_TOKEN}` },
			},
		]);
		const example = exampleWorkflows().find(
			(candidate) => candidate.file === 'campaign-statuses-at-scale.json',
		);
		await n8n.importWorkflows([
			receiverWorkflow('webhookRead', { id: 'scaleSame', recorderUrl: recorder.url }),
			// Successful executions are not saved, as the README advises for high volumes.
			receiverWorkflow('trigger', {
				id: 'scaleTrigger',
				recorderUrl: recorder.url,
				saveExecutions: false,
			}),
			receiverWorkflow('webhookRead', {
				id: 'scaleRead',
				recorderUrl: recorder.url,
				saveExecutions: false,
			}),
			example!.workflow,
		]);
		await n8n.start();
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
		await recorder?.stop();
	});

	test('the same callback posted 20 times at once reaches the workflow once', async () => {
		const url = receiverUrl('webhookRead', n8n.url, 'scaleSame', TOKEN);
		// The workflow's row in n8n's deduplication store exists before the race, as in production.
		await postStatus(url, JSON.stringify(sample('callback-error.json')), 'application/json');
		await waitFor(() => fromSource('scaleSame').length === 1, 60_000, 'the first event');
		const body = JSON.stringify(sample('meta-status-webhook.json'));
		const statuses = await Promise.all(
			Array.from({ length: 20 }, async () => await postStatus(url, body, 'application/json')),
		);
		expect(statuses.every((status) => status === 200)).toBe(true);
		await waitFor(
			async () =>
				(await n8n.executionCount('scaleSame')) === 21 &&
				(await n8n.unfinishedExecutionCount('scaleSame')) === 0,
			120_000,
			'every execution finished',
		);
		expect(
			fromSource('scaleSame').map((r) => (r.body as { item: { event: string } }).item.event),
		).toEqual(['failed', 'delivered']);
	});

	describe.each([
		['the Insider WhatsApp Trigger', 'trigger', 'scaleTrigger'],
		["n8n's Webhook node + Read Callback Events", 'webhookRead', 'scaleRead'],
	] as Array<[string, ReceiverKind, string]>)(
		'a burst of %s callbacks, then Insider-style retries',
		(_label, kind, id) => {
			test(
				'every event reaches the workflow exactly once, although requests timed out',
				async () => {
					const url = receiverUrl(kind, n8n.url, id, TOKEN);
					sandbox.reset();
					const started = Date.now();
					const requests = Array.from({ length: BURST_MESSAGES / 50 }, (_, request) =>
						postSend(sandbox.url, {
							callback: url,
							messages: Array.from({ length: 50 }, (__, i) => ({
								phoneNumber: `+1555${String(3000000 + request * 50 + i)}`,
								message: quickReply(),
							})),
						}),
					);
					expect((await Promise.all(requests)).map((answer) => answer.status)).toEqual(
						requests.map(() => 200),
					);
					const expected = sandbox.messages.flatMap((message) => [
						`${message.key}|accepted`,
						`${message.key}|delivered`,
					]);
					expect(expected).toHaveLength(2 * BURST_MESSAGES);
					const outcomes = () => callbackOutcomes(sandbox.callbackAttempts);
					await waitFor(() => outcomes().answered.size >= 50, 300_000, 'the burst under way');
					await n8n.pauseFor(STALL_MS);
					// Each callback ends acknowledged, or out of retries (then waiting longer is useless).
					const { gaveUp } = await waitFor(
						() => {
							const { answered, gaveUp } = outcomes();
							return answered.size + gaveUp.size === expected.length && { answered, gaveUp };
						},
						RETRY_WINDOW_MS + 120_000,
						'every callback acknowledged with a 2xx or out of retries',
						{ detail: () => `${outcomes().answered.size} of ${expected.length} acknowledged` },
					);
					expect({ outOfRetries: [...gaveUp] }).toEqual({ outOfRetries: [] });
					const drainedMs = Date.now() - started;
					// n8n takes requests in the order they came: once a request sent after everything
					// else has reached the workflow, every late copy of a timed-out request has too.
					const sentinel = JSON.stringify({ key: `whatsapp-sentinel-${id}`, status: 'read' });
					expect(await postStatus(url, sentinel, 'application/json')).toBe(200);
					await waitFor(
						() => fromSource(id).some((r) => JSON.stringify(r.body).includes('whatsapp-sentinel')),
						300_000,
						'the sentinel',
					);
					// The late copies' executions may still run: wait for them. With both cores busy, n8n
					// 2.41.1's SQLite write lock times out (60 s) and n8n leaves executions unfinished
					// for good; their number is reported, and what reached the workflow is judged below
					// all the same: nothing lost, nothing twice.
					const leftUnfinished = await waitFor(
						async () => (await n8n.unfinishedExecutionCount(id)) === 0 && 0,
						300_000,
						'idle executions',
					).catch(async () => await n8n.unfinishedExecutionCount(id));

					const result = tally(recorder.received, id, [
						...expected,
						`whatsapp-sentinel-${id}|read`,
					]);
					const firstAttempts = sandbox.callbackAttempts.filter((attempt) => attempt.attempt === 0);
					const timedOut = firstAttempts.filter((attempt) => attempt.error !== undefined);
					const retries = sandbox.callbackAttempts.length - firstAttempts.length;
					console.log(
						`${id}: ${expected.length} callbacks, ${timedOut.length} first attempts failed (${timedOut[0]?.error ?? 'none'}), ${retries} retries, every one acknowledged after ${(drainedMs / 1000).toFixed(0)} s; lost ${result.lost.length}, duplicated ${result.duplicated.length}; executions n8n left unfinished ${leftUnfinished}`,
					);
					expect(timedOut.length).toBeGreaterThan(0);
					expect(result.lost).toEqual([]);
					expect(result.duplicated).toEqual([]);
					expect(result.unexpected).toEqual([]);
				},
				RETRY_WINDOW_MS + 900_000,
			);
		},
	);

	describe('the example workflow campaign-statuses-at-scale.json, imported as it is', () => {
		const example = () =>
			exampleWorkflows().find((candidate) => candidate.file === 'campaign-statuses-at-scale.json')!
				.workflow as unknown as {
				id: string;
				nodes: Array<{ name: string; parameters: { path?: string } }>;
			};
		const path = (name: string) =>
			example().nodes.find((node) => node.name === name)!.parameters.path;
		const lastData = async () =>
			(
				await n8n.query<{ data: string; status: string }>(
					`SELECT d.data AS data, e.status AS status FROM execution_data d JOIN execution_entity e ON e.id = d.executionId WHERE e.workflowId = '${example().id}' ORDER BY e.id DESC LIMIT 1`,
				)
			)[0];

		test('a status callback on the long random path lands in the status log', async () => {
			const before = await n8n.executionCount(example().id);
			const status = await postStatus(
				`${n8n.url}/webhook/${path('Status callbacks')}`,
				JSON.stringify(sample('meta-status-failed-webhook.json')),
				'application/json',
			);
			expect(status).toBe(200);
			await waitFor(
				async () =>
					(await n8n.executionCount(example().id)) === before + 1 &&
					(await n8n.unfinishedExecutionCount(example().id)) === 0,
				60_000,
				'the execution',
			);
			const { data, status: outcome } = await lastData();
			expect(outcome).toBe('success');
			expect(data).toContain('131047 Re-engagement message');
		});

		test('a tap reaches the reply log only with the bearer token', async () => {
			const url = `${n8n.url}/webhook/${path('Conversational webhook')}`;
			const tap = JSON.stringify(sample('meta-button-reply-webhook.json'));
			const before = await n8n.executionCount(example().id);
			expect(await postStatus(url, tap, 'application/json')).toBe(403);
			expect(
				await postStatus(url, tap, 'application/json', { authorization: 'Bearer wrong-token' }),
			).toBe(403);
			expect(
				await postStatus(url, tap, 'application/json', {
					authorization: `Bearer ${EXAMPLE_TOKEN}`,
				}),
			).toBe(200);
			await waitFor(
				async () =>
					(await n8n.executionCount(example().id)) === before + 1 &&
					(await n8n.unfinishedExecutionCount(example().id)) === 0,
				60_000,
				'the execution',
			);
			const { data, status } = await lastData();
			expect(status).toBe('success');
			expect(data).toContain('updates_yes');
		});
	});
});
