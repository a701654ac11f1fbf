/**
 * Scenario 3: status callbacks and a button tap reach the webhook processor through the load
 * balancer, their executions run on workers, and the triggers emit one item per status Insider
 * sent and the tapped button. Given a regular-mode n8n with the same triggers, the same payloads
 * posted there give the same items.
 */
import type { Recorder } from '../../../support/http';
import { client, startReceiver, waitFor } from '../../../support/http';
import { TEST_KEY } from '../../../support/sandbox';
import { N8nInstance } from '../../../../dev/n8n/n8nInstance';
import type { QueueFixture } from '../../harness/queueFixture';
import { reportMeasurement } from '../../harness/queueMode';
import { credentials } from '../../harness/workflows';
import type { Recorded } from './callbackDeployment';
import {
	recordedItems,
	REPLIES_PATH,
	STATUS_PATH,
	TOKEN,
	triggerWorkflows,
} from './callbackDeployment';

/** A regular-mode n8n with the same triggers, forwarding to a recorder of its own. */
export interface RegularTwin {
	n8n: N8nInstance;
	recorder: Recorder;
	stop(): Promise<void>;
}

/** Starts the regular-mode twin of a callback deployment (same n8n version, same sandbox). */
export async function startRegularTwin(queue: QueueFixture): Promise<RegularTwin> {
	const recorder = await startReceiver();
	const n8n = new N8nInstance(queue.n8n.install);
	await n8n.importCredentials(credentials(queue.sandbox.url, TEST_KEY, TOKEN));
	await n8n.importWorkflows(triggerWorkflows(recorder.url));
	await n8n.start();
	return {
		n8n,
		recorder,
		stop: async () => {
			await n8n.stop();
			await recorder.stop();
		},
	};
}

/** Records with a stable order, and the time the trigger stamps on Insider's accepted event. */
const comparable = (records: Recorded[]) =>
	records
		.map(({ source, item }) => ({
			source,
			// Insider's accepted event has no time of its own: the trigger stamps the time received.
			item: item.event === 'accepted' ? { ...item, timestamp: 'time received' } : item,
		}))
		.sort((a, b) => `${a.item.key}|${a.item.event}`.localeCompare(`${b.item.key}|${b.item.event}`));

/** Posts every payload the sandbox delivered into the twin, as delivered; resolves its items. */
async function replayInto(twin: RegularTwin, queue: QueueFixture): Promise<Recorded[]> {
	for (const attempt of queue.sandbox.callbackAttempts) {
		const response =
			attempt.target === 'callback'
				? await client.post(`${twin.n8n.url}${STATUS_PATH}`, attempt.payload)
				: await client.post(`${twin.n8n.url}${REPLIES_PATH}`, attempt.payload, {
						headers: { Authorization: `Bearer ${TOKEN}` },
					});
		expect(response.status).toBe(200);
	}
	const count = queue.sandbox.callbackAttempts.length;
	await waitFor(() => twin.recorder.received.length >= count, 60_000, 'the regular-mode items');
	return twin.recorder.received.map((r) => r.body as Recorded);
}

/** Registers scenario 3; `twin` gives the regular-mode n8n to compare with, if there is one. */
export function statusesAndTapScenario(queue: QueueFixture, twin?: () => RegularTwin) {
	test(
		'3. status callbacks and a tap reach the webhook processor, their executions run on workers, and the trigger emits what Insider sent',
		queue.keepLogsOnFailure(async () => {
			const { n8n, sandbox, recorder } = queue;
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
				...(await n8n.settledExecutions('qStatus', 12)),
				...(await n8n.settledExecutions('qReplies', 1)),
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

			// The trigger emitted one item per status Insider sent, and the tapped button.
			const sent = sandbox.callbackAttempts
				.filter((a) => a.target === 'callback')
				.map((a) => `${a.key}|${a.event}`)
				.sort();
			const statuses = recordedItems(recorder, 'status');
			expect(statuses.map((r) => `${r.item.key}|${r.item.event}`).sort()).toEqual(sent);
			const replies = recordedItems(recorder, 'replies');
			expect(replies).toHaveLength(1);
			expect(JSON.stringify(replies[0].item.reply)).toContain('updates_yes');

			// The same payloads, as delivered, into a regular-mode n8n: the same items come out.
			const regular = twin?.();
			if (regular)
				expect(comparable([...statuses, ...replies])).toEqual(
					comparable(await replayInto(regular, queue)),
				);
			reportMeasurement(
				`scenario 3 (n8n ${n8n.install.spec.n8n}): 13 executions, by worker ${JSON.stringify(ranOn)}` +
					(regular ? '; items equal to regular mode' : ''),
			);
		}),
	);
}
