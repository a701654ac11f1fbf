/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Sizing: a burst of status callbacks into one webhook processor, through the Insider WhatsApp
 * Trigger and through n8n's own Webhook node as the yardstick: each answered 200 and run once
 * on a worker; the rate and the CPU time per callback are measured.
 */
import os from 'os';

import { client, waitFor } from '../../../support/http';
import type { QueueFixture } from '../../harness/queueFixture';
import { reportMeasurement } from '../../harness/queueMode';
import { plainWebhookWorkflow } from '../../harness/queueWorkflows';
import { forwardingTriggerWorkflow } from '../../harness/workflows';
import { deliveredCallback, recordedItems, TOKEN } from './callbackDeployment';

const SIZING_PATH = `/webhook/q-sizing/webhook?token=${TOKEN}`;
const PLAIN_PATH = '/webhook/q-plain';
const TOTAL = 100;
const IN_FLIGHT = 20;

export const sizingWorkflows = (recorderUrl: string) => [
	forwardingTriggerWorkflow({
		id: 'qSizing',
		webhookId: 'q-sizing',
		authentication: 'urlToken',
		recorderUrl,
		label: 'sizing',
	}),
	plainWebhookWorkflow('qPlain', 'q-plain'),
];

/** Posts TOTAL callbacks, IN_FLIGHT at a time, to one webhook processor; measures the cost. */
async function burst(queue: QueueFixture, path: string, workflowId: string) {
	const { n8n } = queue;
	const processor = n8n.webhookProcessors[0];
	// CPU time says what a callback costs however busy this machine is.
	const cpu = () => ({
		processor: processor.cpuSeconds(),
		workers: n8n.workers.reduce((sum, w) => sum + w.cpuSeconds(), 0),
		postgres: n8n.postgres.cpuSeconds(),
	});
	const before = cpu();
	const answers: Array<{ status: number; events: unknown }> = [];
	const started = Date.now();
	let next = 0;
	await Promise.all(
		Array.from({ length: IN_FLIGHT }, async () => {
			while (next < TOTAL) {
				const body = deliveredCallback(next++);
				const response = await client.post(`${processor.url}${path}`, body);
				answers.push({ status: response.status, events: response.data?.events });
			}
		}),
	);
	const answeredAfter = (Date.now() - started) / 1000;
	const executions = await n8n.settledExecutions(workflowId, TOTAL);
	const after = cpu();
	const msPerCallback = (what: keyof typeof before) =>
		(((after[what] - before[what]) * 1000) / TOTAL).toFixed(0);
	const summary =
		`answered in ${answeredAfter.toFixed(1)} s (${(TOTAL / answeredAfter).toFixed(1)}/s); ` +
		`CPU per callback: webhook processor ${msPerCallback('processor')} ms, ` +
		`workers ${msPerCallback('workers')} ms, PostgreSQL ${msPerCallback('postgres')} ms`;
	return { answers, executions, summary };
}

export function sizingScenario(queue: QueueFixture) {
	test(
		'a burst of status callbacks into one webhook processor: each answered 200 and run once on a worker (sizing measured)',
		queue.keepLogsOnFailure(async () => {
			const trigger = await burst(queue, SIZING_PATH, 'qSizing');
			expect(trigger.answers.filter((a) => a.status === 200 && a.events === 1)).toHaveLength(TOTAL);
			expect(trigger.executions.filter((e) => e.status === 'success')).toHaveLength(TOTAL);
			await waitFor(
				() => recordedItems(queue.recorder, 'sizing').length === TOTAL,
				60_000,
				'one forwarded item per callback',
			);
			// The same burst into n8n's own Webhook node, as the yardstick.
			const plain = await burst(queue, PLAIN_PATH, 'qPlain');
			expect(plain.answers.filter((a) => a.status === 200)).toHaveLength(TOTAL);
			reportMeasurement(
				`sizing, ${TOTAL} status callbacks, ${IN_FLIGHT} in flight, into one webhook processor ` +
					`(load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores): ` +
					`Insider WhatsApp Trigger -> HTTP Request: ${trigger.summary}; ` +
					`n8n's Webhook node alone: ${plain.summary}`,
			);
		}),
	);
}
