/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the token is a fake test token */
/**
 * Scenario 3 on n8n 1.123.81's distributed engine: status callbacks and a button tap reach the
 * webhook processor through the load balancer, their executions run on workers, and the
 * trigger's items carry the events Insider sent. (Scenario 1 on 1.x is in campaigns.test.ts.)
 */
import type { InsiderSandbox } from '../../../sandbox/server';
import { client, startReceiver, waitFor } from '../../support/http';
import { startTestSandbox, TEST_KEY } from '../../support/sandbox';
import { ensureN8n, N8N_VERSIONS } from '../../../dev/n8n/n8nInstall';
import { QueueDeployment, reportMeasurement } from '../harness/queueMode';
import { campaignWorkflow } from '../harness/queueWorkflows';
import { credentials, forwardingTriggerWorkflow } from '../harness/workflows';

const TOKEN = 'queue-webhook-token-0123456789';
const STATUS_PATH = `/webhook/q-status/webhook?token=${TOKEN}`;
const REPLIES_PATH = '/webhook/q-replies/webhook';

type Item = { event: string; key: string | null; reply: unknown };
type Recorded = { source: string; item: Item };
type Recorder = Awaited<ReturnType<typeof startReceiver>>;

const recordedItems = (recorder: Recorder, source: string) =>
	recorder.received.map((r) => r.body as Recorded).filter((r) => r.source === source);

describe('queue mode on n8n 1.x: callbacks and a tap through the webhook processor', () => {
	let sandbox: InsiderSandbox;
	let recorder: Recorder;
	let n8n: QueueDeployment;

	beforeAll(async () => {
		const install = await ensureN8n(N8N_VERSIONS.v1);
		sandbox = await startTestSandbox({ rateLimitPerSecond: 10 });
		recorder = await startReceiver();
		n8n = new QueueDeployment(install, { workers: 2, webhookProcessors: 1 });
		await n8n.launch(async (deployment) => {
			await deployment.importCredentials(credentials(sandbox.url, TEST_KEY, TOKEN));
			await deployment.importWorkflows([
				campaignWorkflow('qSend', 'send', { callbackUrl: `${deployment.url}${STATUS_PATH}` }),
				forwardingTriggerWorkflow({
					id: 'qStatus',
					webhookId: 'q-status',
					authentication: 'urlToken',
					recorderUrl: recorder.url,
					label: 'status',
				}),
				forwardingTriggerWorkflow({
					id: 'qReplies',
					webhookId: 'q-replies',
					authentication: 'bearerToken',
					recorderUrl: recorder.url,
					label: 'replies',
				}),
			]);
		});
		sandbox.configure({ webhook: { url: `${n8n.url}${REPLIES_PATH}`, token: TOKEN } });
	});

	afterAll(async () => {
		await n8n?.stop();
		await recorder?.stop();
		await sandbox?.stop();
	});

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

	test('3. status callbacks and a tap reach the webhook processor and their executions run on workers', async () =>
		await n8n.guard(async () => {
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

			// The trigger emitted one item per status Insider sent, and the tapped button.
			const sent = sandbox.callbackAttempts
				.filter((a) => a.target === 'callback')
				.map((a) => `${a.key}|${a.event}`)
				.sort();
			const received = recordedItems(recorder, 'status')
				.map((r) => `${r.item.key}|${r.item.event}`)
				.sort();
			expect(received).toEqual(sent);
			const replies = recordedItems(recorder, 'replies');
			expect(replies).toHaveLength(1);
			expect(JSON.stringify(replies[0].item.reply)).toContain('updates_yes');
			reportMeasurement(
				`scenario 3 (n8n ${n8n.install.spec.n8n}): 13 executions, by worker ${JSON.stringify(ranOn)}`,
			);
		})());
});
