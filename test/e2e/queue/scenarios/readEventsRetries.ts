/**
 * Scenario 5b: Insider's retries across two webhook processors, into n8n's Webhook node followed
 * by Read Callback Events, whose Deduplicate keeps its memory in n8n's database store: sequential
 * retries pass once; how many simultaneous duplicates get through, and what a burst makes the
 * store forget, are measured.
 */
import { randomUUID } from 'crypto';

import { client } from '../../../support/http';
import type { QueueFixture } from '../../harness/queueFixture';
import { reportMeasurement } from '../../harness/queueMode';
import { webhookReadWorkflow } from '../../harness/queueWorkflows';
import { deliveredCallback, recordedItems } from './callbackDeployment';

/** The workflow's id, its Webhook path and its recorder source. */
const READ_ID = 'qRead';

export const readEventsRetriesWorkflows = (recorderUrl: string) => [
	webhookReadWorkflow(READ_ID, recorderUrl),
];

/** Registers scenario 5b; it adds a second webhook processor if the deployment has one only. */
export function readEventsRetriesScenario(queue: QueueFixture) {
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
			for (const { item } of recordedItems(queue.recorder, READ_ID)) {
				const id = `${item.key}|${item.event}`;
				counts.set(id, (counts.get(id) ?? 0) + 1);
			}
			return counts;
		};
		/** The worker(s) whose log says they ran an execution. */
		const workerNames = (executionId: string) =>
			queue.n8n
				.workersThatStarted(executionId)
				.map((w) => w.name)
				.join('+');
		const executionCount = async () => (await queue.n8n.executions(READ_ID)).length;
		/** Posts each callback to one processor, waiting each time until its execution finished. */
		const oneAtATime = async (callbacks: Callback[], bases: string[]) => {
			const statuses: number[] = [];
			for (const callback of callbacks) {
				for (const base of bases) {
					const settled = await executionCount();
					statuses.push(await post(base, callback.body));
					await queue.n8n.settledExecutions(READ_ID, settled + 1);
				}
			}
			return statuses;
		};
		/** The webhook processor that queued an execution (its log says `Enqueued execution <id> (`). */
		const queuedBy = (executionId: string) =>
			queue.n8n.webhookProcessors
				.filter((p) => p.log().includes(`Enqueued execution ${executionId} (`))
				.map((p) => p.name)
				.join('+');
		/** Per callback, the workers that ran its executions, found by its key in the saved run data. */
		const workersPerKey = async (executionIds: string[], callbacks: Callback[]) => {
			const rows = await queue.n8n.postgres.query<{ id: string; data: string }>(
				`SELECT "executionId"::text AS id, data FROM execution_data
				 WHERE "executionId" IN (${executionIds.map(Number).join(',')})`,
			);
			return new Map(
				callbacks.map((c) => [
					c.key,
					rows.filter((row) => row.data.includes(c.key)).map((row) => workerNames(row.id)),
				]),
			);
		};
		const onDifferentWorkers = (workers: string[] | undefined) =>
			workers?.length === 2 && workers[0] !== workers[1];

		beforeAll(async () => {
			// Scenario 5 added the second webhook processor; this describe run alone adds it too.
			if (queue.n8n.webhookProcessors.length < 2) await queue.n8n.addWebhookProcessor();
			[first, second] = queue.n8n.webhookProcessors.map((p) => p.url);
		});

		test(
			'one retry at a time, after the first execution finished, at the other processor: every event gets through exactly once',
			queue.keepLogsOnFailure(async () => {
				const callbacks = newCallbacks(10);
				const before = await executionCount();
				const statuses = await oneAtATime(callbacks, [first, second]);
				const executions = (await queue.n8n.settledExecutions(READ_ID, before + 20)).slice(before);

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
			queue.keepLogsOnFailure(async () => {
				const callbacks = newCallbacks(20);
				const before = await executionCount();
				const statuses = await Promise.all(
					callbacks.flatMap((c) => [post(first, c.body), post(second, c.body)]),
				);
				const executions = (await queue.n8n.settledExecutions(READ_ID, before + 40)).slice(before);

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
				const later = (await queue.n8n.settledExecutions(READ_ID, laterBefore + 20)).slice(
					laterBefore,
				);
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
			queue.keepLogsOnFailure(async () => {
				const callbacks = newCallbacks(20);
				const before = await executionCount();
				const statuses = await Promise.all(callbacks.map(async (c) => await post(first, c.body)));
				const burst = (await queue.n8n.settledExecutions(READ_ID, before + 20)).slice(before);
				const passed = passedPerId();
				const retryStatuses = await oneAtATime(callbacks, [second]);
				const retries = (await queue.n8n.settledExecutions(READ_ID, before + 40)).slice(
					before + 20,
				);

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
					const worker = workerNames(e.id);
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
}
