/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the token is a fake test token */
/**
 * Insider's calls into a queue-mode n8n: status callbacks and button taps reach the webhook
 * processor through the load balancer, their executions run on workers, and what the trigger
 * emits is what it emits in regular mode. Then Insider's retries across two webhook
 * processors: how many duplicates the trigger's per-process memory lets through, and whether
 * n8n's Remove Duplicates node catches them; the same for n8n's Webhook node followed by Read
 * Callback Events, whose Deduplicate uses n8n's database store. Sizing: callbacks per second
 * through one processor.
 */
import { randomUUID } from 'crypto';
import os from 'os';

import { newWaMessageId, statusEvent } from '../../../sandbox/events';
import type { InsiderSandbox } from '../../../sandbox/server';
import { client, startReceiver, waitFor } from '../../support/http';
import { startTestSandbox, TEST_KEY } from '../../support/sandbox';
import { ensureN8n, N8N_VERSIONS } from '../../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../../dev/n8n/n8nInstance';
import { QueueDeployment, reportMeasurement } from '../harness/queueMode';
import {
	campaignWorkflow,
	dedupedTriggerWorkflow,
	plainWebhookWorkflow,
	webhookReadWorkflow,
} from '../harness/queueWorkflows';
import { credentials, forwardingTriggerWorkflow } from '../harness/workflows';

const TOKEN = 'queue-webhook-token-0123456789';
const BUSINESS_NUMBER = '15550783881';
const STATUS_PATH = `/webhook/q-status/webhook?token=${TOKEN}`;
const REPLIES_PATH = '/webhook/q-replies/webhook';
const DEDUPE_PATH = `/webhook/q-dedupe/webhook?token=${TOKEN}`;
const SIZING_PATH = `/webhook/q-sizing/webhook?token=${TOKEN}`;
/** Webhook node + Read Callback Events: its workflow id, Webhook path and recorder source. */
const READ_ID = 'qRead';

type Item = { event: string; key: string | null; timestamp: string; [field: string]: unknown };
type Recorded = { source: string; item: Item };
type Recorder = Awaited<ReturnType<typeof startReceiver>>;

const recordedItems = (recorder: Recorder, source: string) =>
	recorder.received.map((r) => r.body as Recorded).filter((r) => r.source === source);

/** A status callback as Insider posts it: Meta's envelope with Insider's key. */
const deliveredCallback = (index: number, key = `whatsapp-${randomUUID()}`) =>
	statusEvent(BUSINESS_NUMBER, key, `+1555${7_000_000 + index}`, newWaMessageId(), 'delivered');

/** Triggers and the forwarding they do, identical in both deployments. */
const triggerWorkflows = (recorderUrl: string) => [
	forwardingTriggerWorkflow({
		id: 'qStatus',
		webhookId: 'q-status',
		authentication: 'urlToken',
		recorderUrl,
		label: 'status',
	}),
	forwardingTriggerWorkflow({
		id: 'qReplies',
		webhookId: 'q-replies',
		authentication: 'bearerToken',
		recorderUrl,
		label: 'replies',
	}),
];

describe('queue mode: callbacks and taps through webhook processors', () => {
	let sandbox: InsiderSandbox;
	let n8n: QueueDeployment;
	let regular: N8nInstance;
	let recorder: Recorder;
	let regularRecorder: Recorder;

	beforeAll(async () => {
		const install = await ensureN8n(N8N_VERSIONS.v2);
		sandbox = await startTestSandbox({ rateLimitPerSecond: 10 });
		recorder = await startReceiver();
		regularRecorder = await startReceiver();
		n8n = new QueueDeployment(install, { workers: 2, webhookProcessors: 1 });
		regular = new N8nInstance(install, { port: await freePort() });
		await Promise.all([
			n8n.launch(async (deployment) => {
				await deployment.importCredentials(credentials(sandbox.url, TEST_KEY, TOKEN));
				await deployment.importWorkflows([
					campaignWorkflow('qSend', 'send', { callbackUrl: `${deployment.url}${STATUS_PATH}` }),
					...triggerWorkflows(recorder.url),
					dedupedTriggerWorkflow({
						id: 'qDedupe',
						webhookId: 'q-dedupe',
						recorderUrl: recorder.url,
						label: 'dedupe',
					}),
					forwardingTriggerWorkflow({
						id: 'qSizing',
						webhookId: 'q-sizing',
						authentication: 'urlToken',
						recorderUrl: recorder.url,
						label: 'sizing',
					}),
					plainWebhookWorkflow('qPlain', 'q-plain'),
					webhookReadWorkflow(READ_ID, recorder.url),
				]);
			}),
			(async () => {
				await regular.importCredentials(credentials(sandbox.url, TEST_KEY, TOKEN));
				await regular.importWorkflows(triggerWorkflows(regularRecorder.url));
				await regular.start();
			})(),
		]);
		sandbox.configure({ webhook: { url: `${n8n.url}${REPLIES_PATH}`, token: TOKEN } });
	});

	afterAll(async () => {
		await n8n?.stop();
		await regular?.stop();
		await recorder?.stop();
		await regularRecorder?.stop();
		await sandbox?.stop();
	});

	/** A test body that keeps the deployment's logs when it fails. */
	const keepLogsOnFailure = (body: () => Promise<void>) => async () => await n8n.guard(body)();

	/** Waits until a workflow has `count` executions and none is still queued or running. */
	const executionsSettled = async (workflowId: string, count: number) => {
		const started = Date.now();
		for (;;) {
			const executions = await n8n.executions(workflowId);
			if (
				executions.length >= count &&
				executions.every((e) => !['new', 'running'].includes(e.status))
			)
				return executions;
			if (Date.now() - started > 120_000)
				throw new Error(
					`${workflowId}: ${executions.length} of ${count} executions settled after 120 s`,
				);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	};

	test(
		'3. status callbacks and a tap reach the webhook processor, their executions run on workers, and the items equal regular mode',
		keepLogsOnFailure(async () => {
			const send = await client.post(`${n8n.url}/webhook/send`, {
				contacts: [
					{ phone: '+15550001111', name: 'Ada' },
					{ phone: '+15550002222', name: 'Linus' },
					{ phone: '+15550003333', name: 'Grace' },
				],
			});
			expect(send.status).toBe(200);
			const keys = (send.data as Array<{ key: string }>).map((item) => item.key);
			const statusesOf = (key: string) =>
				recordedItems(recorder, 'status').filter((r) => r.item.key === key);
			await waitFor(
				() => keys.every((key) => statusesOf(key).length >= 4),
				60_000,
				'four statuses per key',
			);
			expect(await sandbox.tapButton(keys[1], 'updates_yes')).toBe(true);
			await waitFor(() => recordedItems(recorder, 'replies').length >= 1, 60_000, 'the tap');

			// Every Insider call went through the load balancer to the webhook processor, answered 200.
			const insiderCalls = n8n.balancer.routed.filter((r) => /^\/webhook\/q-/.test(r.path));
			expect(insiderCalls).toHaveLength(3 * 4 + 1);
			expect(new Set(insiderCalls.map((r) => `${r.upstream} ${r.statusCode}`))).toEqual(
				new Set(['webhook-1 200']),
			);
			expect(sandbox.callbackAttempts.every((a) => a.statusCode === 200)).toBe(true);

			// Each execution was queued by the webhook processor and ran on exactly one worker.
			const executions = [
				...(await executionsSettled('qStatus', 12)),
				...(await executionsSettled('qReplies', 1)),
			];
			expect(executions).toHaveLength(13);
			const ranOn: Record<string, number> = {};
			for (const execution of executions) {
				expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
				expect(n8n.webhookProcessors[0].log()).toContain(`Enqueued execution ${execution.id} (`);
				const workers = n8n.workersThatStarted(execution.id);
				expect(workers).toHaveLength(1);
				ranOn[workers[0].name] = (ranOn[workers[0].name] ?? 0) + 1;
			}
			expect(n8n.main.log()).not.toMatch(/Enqueued execution|Worker started execution/);

			// The same payloads, as delivered, into a regular-mode n8n: the same items come out.
			for (const attempt of sandbox.callbackAttempts) {
				const response =
					attempt.target === 'callback'
						? await client.post(`${regular.url}${STATUS_PATH}`, attempt.payload)
						: await client.post(`${regular.url}${REPLIES_PATH}`, attempt.payload, {
								headers: { Authorization: `Bearer ${TOKEN}` },
							});
				expect(response.status).toBe(200);
			}
			await waitFor(() => regularRecorder.received.length >= 13, 60_000, 'the regular-mode items');
			// Insider's accepted event has no time of its own: the trigger stamps the time received.
			const comparable = (records: Recorded[]) =>
				records
					.map(({ source, item }) => ({
						source,
						item: item.event === 'accepted' ? { ...item, timestamp: 'time received' } : item,
					}))
					.sort((a, b) =>
						`${a.item.key}|${a.item.event}`.localeCompare(`${b.item.key}|${b.item.event}`),
					);
			const queued = recorder.received
				.map((r) => r.body as Recorded)
				.filter((r) => ['status', 'replies'].includes(r.source));
			const regularItems = regularRecorder.received.map((r) => r.body as Recorded);
			expect(comparable(queued)).toEqual(comparable(regularItems));
			expect(queued).toHaveLength(13);
			reportMeasurement(
				`scenario 3: 13 executions, by worker ${JSON.stringify(ranOn)}; items equal to regular mode`,
			);
		}),
	);

	test(
		'a burst of status callbacks into one webhook processor: each answered 200 and run once on a worker (sizing measured)',
		keepLogsOnFailure(async () => {
			const total = 100;
			const inFlight = 20;
			const processor = n8n.webhookProcessors[0];
			// CPU time says what a callback costs however busy this machine is.
			const cpu = () => ({
				processor: processor.cpuSeconds(),
				workers: n8n.workers.reduce((sum, w) => sum + w.cpuSeconds(), 0),
				postgres: n8n.postgres.cpuSeconds(),
			});
			const burst = async (path: string, workflowId: string) => {
				const before = cpu();
				const answers: Array<{ status: number; events: unknown }> = [];
				const started = Date.now();
				let next = 0;
				await Promise.all(
					Array.from({ length: inFlight }, async () => {
						while (next < total) {
							const body = deliveredCallback(next++);
							const response = await client.post(`${processor.url}${path}`, body);
							answers.push({ status: response.status, events: response.data?.events });
						}
					}),
				);
				const answeredAfter = (Date.now() - started) / 1000;
				const executions = await executionsSettled(workflowId, total);
				const after = cpu();
				const msPerCallback = (what: keyof typeof before) =>
					(((after[what] - before[what]) * 1000) / total).toFixed(0);
				const summary =
					`answered in ${answeredAfter.toFixed(1)} s (${(total / answeredAfter).toFixed(1)}/s); ` +
					`CPU per callback: webhook processor ${msPerCallback('processor')} ms, ` +
					`workers ${msPerCallback('workers')} ms, PostgreSQL ${msPerCallback('postgres')} ms`;
				return { answers, executions, summary };
			};

			const trigger = await burst(SIZING_PATH, 'qSizing');
			expect(trigger.answers.filter((a) => a.status === 200 && a.events === 1)).toHaveLength(total);
			expect(trigger.executions.filter((e) => e.status === 'success')).toHaveLength(total);
			await waitFor(
				() => recordedItems(recorder, 'sizing').length === total,
				60_000,
				'one forwarded item per callback',
			);
			// The same burst into n8n's own Webhook node, as the yardstick.
			const plain = await burst('/webhook/q-plain', 'qPlain');
			expect(plain.answers.filter((a) => a.status === 200)).toHaveLength(total);
			reportMeasurement(
				`sizing, ${total} status callbacks, ${inFlight} in flight, into one webhook processor ` +
					`(load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores): ` +
					`Insider WhatsApp Trigger -> HTTP Request: ${trigger.summary}; ` +
					`n8n's Webhook node alone: ${plain.summary}`,
			);
		}),
	);

	// 4. Send and Wait in queue mode is in sendAndWait.test.ts, with a deployment of its own.

	describe('5. Insider retries across two webhook processors', () => {
		let first: string;
		let second: string;
		let batch = 0;
		const post = async (base: string, body: unknown) => {
			const response = await client.post(`${base}${DEDUPE_PATH}`, body);
			if (response.status !== 200)
				throw new Error(`${base} answered ${response.status}: ${JSON.stringify(response.data)}`);
			return (response.data as { events: number }).events;
		};
		const newCallbacks = (count: number) =>
			Array.from({ length: count }, (_, i) => deliveredCallback(1000 * ++batch + i));
		/** How many times each key|event got past the Remove Duplicates node. */
		const passedPerKey = () => {
			const counts: Record<string, number> = {};
			for (const { item } of recordedItems(recorder, 'dedupe')) {
				const id = `${item.key}|${item.event}`;
				counts[id] = (counts[id] ?? 0) + 1;
			}
			return counts;
		};
		const measure = async (label: string, count: number, run: () => Promise<number[]>) => {
			recorder.received.length = 0;
			const before = (await n8n.executions('qDedupe')).length;
			const answers = await run();
			const executions = (await executionsSettled('qDedupe', before + 2 * count)).slice(before);
			await waitFor(
				() => Object.keys(passedPerKey()).length >= count,
				60_000,
				'every key past Remove Duplicates once',
			);
			const statuses: Record<string, number> = {};
			for (const e of executions) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
			const twice = Object.values(passedPerKey()).filter((n) => n > 1).length;
			reportMeasurement(
				`scenario 5, ${label}: ${count} callbacks, each posted to both processors; ` +
					`${executions.length} executions ${JSON.stringify(statuses)}; ` +
					`past Remove Duplicates: ${Object.keys(passedPerKey()).length} keys, ${twice} of them twice`,
			);
			return { answers, executions, twice };
		};

		beforeAll(async () => {
			await n8n.addWebhookProcessor();
			[first, second] = n8n.webhookProcessors.map((p) => p.url);
		});

		test(
			'one retry at a time, after the first execution finished: the other processor starts it again, Remove Duplicates drops it',
			keepLogsOnFailure(async () => {
				const callbacks = newCallbacks(10);
				let sameProcessorAgain = 0;
				const { answers, executions, twice } = await measure(
					'retry after the first finished',
					callbacks.length,
					async () => {
						const events: number[] = [];
						for (const callback of callbacks) {
							const before = (await n8n.executions('qDedupe')).length;
							events.push(await post(first, callback));
							await executionsSettled('qDedupe', before + 1);
							sameProcessorAgain += await post(first, callback);
							events.push(await post(second, callback));
							await executionsSettled('qDedupe', before + 2);
						}
						return events;
					},
				);

				// The trigger remembers per process: the same processor drops the retry, the other does not.
				expect(sameProcessorAgain).toBe(0);
				expect(answers).toEqual(answers.map(() => 1));
				expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
				// Remove Duplicates keeps its memory in the database, shared by every worker.
				expect(twice).toBe(0);
			}),
		);

		test(
			'a burst of callbacks, then the same ones at the other processor: duplicates the trigger starts, and what Remove Duplicates lets through',
			keepLogsOnFailure(async () => {
				const callbacks = newCallbacks(20);
				const { answers, executions } = await measure(
					'burst, retries after it finished',
					callbacks.length,
					async () => {
						const firstAnswers = await Promise.all(callbacks.map((c) => post(first, c)));
						await executionsSettled('qDedupe', (await n8n.executions('qDedupe')).length);
						return [...firstAnswers, ...(await Promise.all(callbacks.map((c) => post(second, c))))];
					},
				);
				expect(answers).toEqual(answers.map(() => 1));
				expect(executions).toHaveLength(2 * callbacks.length);
			}),
		);

		test(
			'the same callbacks at the same moment on both processors: duplicates the trigger starts, and what Remove Duplicates lets through',
			keepLogsOnFailure(async () => {
				const callbacks = newCallbacks(20);
				const { answers, executions } = await measure(
					'both processors at once',
					callbacks.length,
					async () =>
						await Promise.all(callbacks.flatMap((c) => [post(first, c), post(second, c)])),
				);
				expect(answers).toEqual(answers.map(() => 1));
				expect(executions).toHaveLength(2 * callbacks.length);
			}),
		);
	});

	describe('5b. Insider retries across two webhook processors, into the Webhook node + Read Callback Events', () => {
		let first: string;
		let second: string;
		let batch = 0;
		const post = async (base: string, body: unknown) =>
			(await client.post(`${base}/webhook/${READ_ID}`, body)).status;
		const newCallbacks = (count: number) => {
			batch++;
			return Array.from({ length: count }, (_, i) => {
				const key = `whatsapp-${randomUUID()}`;
				const body = deliveredCallback(50_000 + 1000 * batch + i, key);
				return { key, id: `${key}|delivered`, body };
			});
		};
		type Callback = ReturnType<typeof newCallbacks>[number];
		/** How many times each key|event got past Read Callback Events to the recorder. */
		const passedPerId = () => {
			const counts = new Map<string, number>();
			for (const { item } of recordedItems(recorder, READ_ID)) {
				const id = `${item.key}|${item.event}`;
				counts.set(id, (counts.get(id) ?? 0) + 1);
			}
			return counts;
		};
		const executionCount = async () => (await n8n.executions(READ_ID)).length;
		/** Posts each callback to one processor, waiting each time until its execution finished. */
		const oneAtATime = async (callbacks: Callback[], bases: string[]) => {
			const statuses: number[] = [];
			for (const callback of callbacks) {
				for (const base of bases) {
					const settled = await executionCount();
					statuses.push(await post(base, callback.body));
					await executionsSettled(READ_ID, settled + 1);
				}
			}
			return statuses;
		};
		/** The webhook processor that queued an execution (its log says `Enqueued execution <id> (`). */
		const queuedBy = (executionId: string) =>
			n8n.webhookProcessors
				.filter((p) => p.log().includes(`Enqueued execution ${executionId} (`))
				.map((p) => p.name)
				.join('+');
		/** Per callback, the workers that ran its executions, found by its key in the saved run data. */
		const workersPerKey = async (executionIds: string[], callbacks: Callback[]) => {
			const rows = await n8n.postgres.query<{ id: string; data: string }>(
				`SELECT "executionId"::text AS id, data FROM execution_data
				 WHERE "executionId" IN (${executionIds.map(Number).join(',')})`,
			);
			return new Map(
				callbacks.map((c) => [
					c.key,
					rows
						.filter((row) => row.data.includes(c.key))
						.map((row) =>
							n8n
								.workersThatStarted(row.id)
								.map((w) => w.name)
								.join('+'),
						),
				]),
			);
		};
		const onDifferentWorkers = (workers: string[] | undefined) =>
			workers?.length === 2 && workers[0] !== workers[1];

		beforeAll(async () => {
			// Scenario 5 added the second webhook processor; this describe run alone adds it too.
			if (n8n.webhookProcessors.length < 2) await n8n.addWebhookProcessor();
			[first, second] = n8n.webhookProcessors.map((p) => p.url);
		});

		test(
			'one retry at a time, after the first execution finished, at the other processor: every event gets through exactly once',
			keepLogsOnFailure(async () => {
				const callbacks = newCallbacks(10);
				const before = await executionCount();
				const statuses = await oneAtATime(callbacks, [first, second]);
				const executions = (await executionsSettled(READ_ID, before + 20)).slice(before);

				expect(statuses).toEqual(statuses.map(() => 200));
				expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
				// The Webhook node remembers nothing: each processor queued an execution per callback.
				expect(executions.map((e) => queuedBy(e.id))).toEqual(
					executions.map((_, i) => (i % 2 === 0 ? 'webhook-1' : 'webhook-2')),
				);
				// Read Callback Events' store is n8n's database, shared by every worker.
				const passed = passedPerId();
				expect(callbacks.map((c) => passed.get(c.id) ?? 0)).toEqual(callbacks.map(() => 1));

				const workers = await workersPerKey(
					executions.map((e) => e.id),
					callbacks,
				);
				const apart = callbacks.filter((c) => onDifferentWorkers(workers.get(c.key))).length;
				reportMeasurement(
					`scenario 5b, retry after the first finished: ${callbacks.length} callbacks, each to ` +
						`webhook-1 then webhook-2; ${executions.length} executions, all success; ` +
						`the two executions of a callback ran on different workers for ${apart} of ${callbacks.length}; ` +
						`past Read Callback Events: ${callbacks.length} keys, 0 twice`,
				);
			}),
		);

		test(
			'the same callbacks at the same moment on both processors: all answered 200, none lost; duplicates measured, then what a later retry finds',
			keepLogsOnFailure(async () => {
				const callbacks = newCallbacks(20);
				const before = await executionCount();
				const statuses = await Promise.all(
					callbacks.flatMap((c) => [post(first, c.body), post(second, c.body)]),
				);
				const executions = (await executionsSettled(READ_ID, before + 40)).slice(before);

				expect(statuses).toEqual(statuses.map(() => 200));
				expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
				// Nothing lost: every event got through, at least once (at most twice: it came twice).
				const passed = passedPerId();
				const counts = callbacks.map((c) => passed.get(c.id) ?? 0);
				expect(counts.filter((n) => n < 1 || n > 2)).toEqual([]);

				// How many got through twice depends on timing: measured, not asserted.
				const workers = await workersPerKey(
					executions.map((e) => e.id),
					callbacks,
				);
				const twice = callbacks.filter((c) => passed.get(c.id) === 2);
				const apart = callbacks.filter((c) => onDifferentWorkers(workers.get(c.key)));
				const twiceApart = twice.filter((c) => onDifferentWorkers(workers.get(c.key)));

				// Later, one at a time: an event the store lost in the race (a write over another's) gets through again.
				const laterBefore = await executionCount();
				const laterStatuses = await oneAtATime(callbacks, [first]);
				const later = (await executionsSettled(READ_ID, laterBefore + 20)).slice(laterBefore);
				expect(laterStatuses).toEqual(laterStatuses.map(() => 200));
				expect(later.map((e) => e.status)).toEqual(later.map(() => 'success'));
				const afterRetry = passedPerId();
				const forgotten = callbacks.filter(
					(c) => (afterRetry.get(c.id) ?? 0) > (passed.get(c.id) ?? 0),
				).length;

				reportMeasurement(
					`scenario 5b, both processors at once: ${callbacks.length} callbacks, each posted to ` +
						`webhook-1 and webhook-2 at once; ${statuses.length} answers 200; ${executions.length} executions, all success; ` +
						`the two executions of a callback ran on different workers for ${apart.length} of ${callbacks.length}; ` +
						`past Read Callback Events: ${counts.filter((n) => n >= 1).length} keys, ${twice.length} of them twice ` +
						`(${twiceApart.length} of those on different workers); ` +
						`a later retry of each, one at a time: ${forgotten} of ${callbacks.length} got through again`,
				);
			}),
		);

		test(
			'a burst of different callbacks, then each retried one at a time at the other processor: none lost; what the store forgot in the burst measured',
			keepLogsOnFailure(async () => {
				const callbacks = newCallbacks(20);
				const before = await executionCount();
				const statuses = await Promise.all(callbacks.map(async (c) => await post(first, c.body)));
				const burst = (await executionsSettled(READ_ID, before + 20)).slice(before);
				const passed = passedPerId();
				const retryStatuses = await oneAtATime(callbacks, [second]);
				const retries = (await executionsSettled(READ_ID, before + 40)).slice(before + 20);

				expect([...statuses, ...retryStatuses]).toEqual(callbacks.flatMap(() => [200, 200]));
				expect([...burst, ...retries].map((e) => e.status)).toEqual(
					callbacks.flatMap(() => ['success', 'success']),
				);
				// Each callback came once in the burst, and every one got through then.
				expect(callbacks.map((c) => passed.get(c.id) ?? 0)).toEqual(callbacks.map(() => 1));

				// A retry gets through when another worker's write dropped its record: measured, not asserted.
				const afterRetry = passedPerId();
				const forgotten = callbacks.filter((c) => (afterRetry.get(c.id) ?? 0) > 1).length;
				const byWorker: Record<string, number> = {};
				for (const e of burst) {
					const worker = n8n
						.workersThatStarted(e.id)
						.map((w) => w.name)
						.join('+');
					byWorker[worker] = (byWorker[worker] ?? 0) + 1;
				}
				reportMeasurement(
					`scenario 5b, burst then retries: ${callbacks.length} different callbacks at once to webhook-1 ` +
						`(executions by worker ${JSON.stringify(byWorker)}), all got through once; then each ` +
						`retried at webhook-2, one at a time: ${forgotten} of ${callbacks.length} got through again`,
				);
			}),
		);
	});
});
