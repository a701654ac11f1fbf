/**
 * Scenario 5: Insider's retries across two webhook processors, into the Insider WhatsApp Trigger
 * followed by n8n's Remove Duplicates node. The trigger remembers per process, so the other
 * processor starts a retry again; how many duplicates that lets through, and whether Remove
 * Duplicates (its memory in n8n's database) catches them.
 */
import { client, waitFor } from '../../../support/http';
import type { QueueFixture } from '../../harness/queueFixture';
import { reportMeasurement } from '../../harness/queueMode';
import { dedupedTriggerWorkflow } from '../../harness/queueWorkflows';
import { deliveredCallback, recordedItems, TOKEN } from './callbackDeployment';

const DEDUPE_PATH = `/webhook/q-dedupe/webhook?token=${TOKEN}`;

export const triggerRetriesWorkflows = (recorderUrl: string) => [
	dedupedTriggerWorkflow({ id: 'qDedupe', webhookId: 'q-dedupe', recorderUrl, label: 'dedupe' }),
];

/** Registers scenario 5; it adds the deployment's second webhook processor. */
export function triggerRetriesScenario(queue: QueueFixture) {
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
			for (const { item } of recordedItems(queue.recorder, 'dedupe')) {
				const id = `${item.key}|${item.event}`;
				counts[id] = (counts[id] ?? 0) + 1;
			}
			return counts;
		};
		const measure = async (label: string, count: number, run: () => Promise<number[]>) => {
			queue.recorder.received.length = 0;
			const before = (await queue.n8n.executions('qDedupe')).length;
			const answers = await run();
			const executions = (await queue.n8n.settledExecutions('qDedupe', before + 2 * count)).slice(
				before,
			);
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
			await queue.n8n.addWebhookProcessor();
			[first, second] = queue.n8n.webhookProcessors.map((p) => p.url);
		});

		test(
			'one retry at a time, after the first execution finished: the other processor starts it again, Remove Duplicates drops it',
			queue.keepLogsOnFailure(async () => {
				const callbacks = newCallbacks(10);
				let sameProcessorAgain = 0;
				const { answers, executions, twice } = await measure(
					'retry after the first finished',
					callbacks.length,
					async () => {
						const events: number[] = [];
						for (const callback of callbacks) {
							const before = (await queue.n8n.executions('qDedupe')).length;
							events.push(await post(first, callback));
							await queue.n8n.settledExecutions('qDedupe', before + 1);
							sameProcessorAgain += await post(first, callback);
							events.push(await post(second, callback));
							await queue.n8n.settledExecutions('qDedupe', before + 2);
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
			queue.keepLogsOnFailure(async () => {
				const callbacks = newCallbacks(20);
				const { answers, executions } = await measure(
					'burst, retries after it finished',
					callbacks.length,
					async () => {
						const firstAnswers = await Promise.all(callbacks.map((c) => post(first, c)));
						await queue.n8n.settledExecutions(
							'qDedupe',
							(await queue.n8n.executions('qDedupe')).length,
						);
						return [...firstAnswers, ...(await Promise.all(callbacks.map((c) => post(second, c))))];
					},
				);
				expect(answers).toEqual(answers.map(() => 1));
				expect(executions).toHaveLength(2 * callbacks.length);
			}),
		);

		test(
			'the same callbacks at the same moment on both processors: duplicates the trigger starts, and what Remove Duplicates lets through',
			queue.keepLogsOnFailure(async () => {
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
}
