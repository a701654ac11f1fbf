/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the token is a fake test token */
/**
 * Scenario 4: Send Quick Reply and Wait for Tap on n8n's distributed engine. The message goes
 * out from a worker, the contact's tap reaches the Insider WhatsApp Trigger on the webhook
 * processor, whose resume call (to WEBHOOK_URL, the load balancer) goes to `/webhook-waiting/`
 * on a webhook processor, and the same execution resumes on a worker and finishes.
 */
import { parseWaitReference } from '../../../nodes/shared/waitReference';
import { client, waitFor } from '../../support/http';
import { N8N_VERSIONS } from '../../../dev/n8n/n8nInstall';
import { useQueueDeployment } from '../harness/queueFixture';
import { reportMeasurement } from '../harness/queueMode';
import { askWorkflow } from '../harness/sendAndWaitWorkflows';
import { forwardingTriggerWorkflow } from '../harness/workflows';

const TOKEN = 'queue-wait-token-0123456789';
const ASK_WORKFLOW = 'qAsk';
const TRIGGER_WORKFLOW = 'qWaitReplies';
const REPLIES_PATH = '/webhook/q-wait-replies/webhook';

type Forwarded = {
	source: string;
	branch?: string;
	execution?: string;
	name?: string;
	item: Record<string, unknown>;
};
type Buttons = { interactive: { action: { buttons: Array<{ reply: { id: string } }> } } };

describe('queue mode: Send and Wait', () => {
	const queue = useQueueDeployment(N8N_VERSIONS.v2, {
		token: TOKEN,
		repliesPath: REPLIES_PATH,
		workflows: ({ recorder }) => [
			askWorkflow({
				id: ASK_WORKFLOW,
				path: 'q-ask',
				askNodeId: '2b4d6f80-1a3c-4e5f-8a9b-0c1d2e3f4a5b',
				recorderUrl: recorder,
			}),
			forwardingTriggerWorkflow({
				id: TRIGGER_WORKFLOW,
				webhookId: 'q-wait-replies',
				authentication: 'bearerToken',
				recorderUrl: recorder,
				label: 'trigger',
			}),
		],
	});

	const statusOf = async (executionId: string) =>
		(
			await queue.n8n.postgres.query<{ status: string }>(
				`SELECT status FROM execution_entity WHERE id = ${Number(executionId)}`,
			)
		)[0]?.status;

	/** How often each worker's log says it started this execution. */
	const startsByWorker = (executionId: string) => {
		const line = new RegExp(`Worker started execution ${executionId} \\(job `, 'g');
		return Object.fromEntries(
			queue.n8n.workers.map((worker) => [worker.name, (worker.log().match(line) ?? []).length]),
		);
	};
	const totalStarts = (executionId: string) =>
		Object.values(startsByWorker(executionId)).reduce((sum, n) => sum + n, 0);

	test(
		"4. the message goes out from a worker, the tap reaches the webhook processor, and the same execution resumes on a worker into the second button's branch",
		queue.keepLogsOnFailure(async () => {
			const { n8n, sandbox, recorder } = queue;
			const phone = '+15550004141';
			const response = await client.post(`${n8n.url}/webhook/q-ask`, { phone, name: 'Ada' });
			expect(response.status).toBe(200);
			await waitFor(
				() => sandbox.messages.some((m) => m.phoneNumber === phone),
				60_000,
				'the message',
			);
			const message = sandbox.messages.find((m) => m.phoneNumber === phone);
			const key = message?.key as string;
			const buttonIds = (message?.message as Buttons).interactive.action.buttons.map(
				(b) => b.reply.id,
			);
			const parsed = parseWaitReference(buttonIds[1]);
			if (!parsed.valid) throw new Error(`the button id is no reference: ${parsed.problem}`);
			const { executionId } = parsed.reference;

			// The webhook processor queued it; one worker ran the send; it is now waiting in the database.
			await waitFor(
				async () => (await statusOf(executionId)) === 'waiting',
				60_000,
				`execution ${executionId} to wait`,
			);
			expect(n8n.webhookProcessors[0].log()).toContain(`Enqueued execution ${executionId} (`);
			const sentBy = n8n.workersThatStarted(executionId).map((w) => w.name);
			expect(sentBy).toHaveLength(1);
			expect(totalStarts(executionId)).toBe(1);

			const routedBefore = n8n.balancer.routed.length;
			expect(await sandbox.tapButton(key, buttonIds[1])).toBe(true);
			await waitFor(
				() => recorder.received.some((r) => (r.body as Forwarded).execution === executionId),
				60_000,
				`execution ${executionId} to go on`,
			);
			await waitFor(
				async () => (await statusOf(executionId)) === 'success',
				60_000,
				`execution ${executionId} to succeed`,
			);

			// The tap and the trigger's resume call both went through the load balancer to the processor.
			const routed = n8n.balancer.routed.slice(routedBefore);
			const tapCalls = routed.filter((r) => r.path.startsWith(REPLIES_PATH));
			const resumeCalls = routed.filter((r) => r.path.startsWith('/webhook-waiting/'));
			expect(tapCalls.map((r) => `${r.upstream} ${r.statusCode}`)).toEqual(['webhook-1 200']);
			expect(resumeCalls.length).toBeGreaterThanOrEqual(1);
			expect(resumeCalls.every((r) => r.path.startsWith(`/webhook-waiting/${executionId}/`))).toBe(
				true,
			);
			expect(resumeCalls.every((r) => r.upstream === 'webhook-1')).toBe(true);
			expect(resumeCalls.at(-1)?.statusCode).toBe(200);

			// The same execution, resumed on a worker, took the "no" branch with the tapped reply.
			const forwarded = recorder.received
				.map((r) => r.body as Forwarded)
				.filter((f) => f.execution === executionId);
			expect(forwarded).toHaveLength(1);
			expect(forwarded[0]).toMatchObject({ source: ASK_WORKFLOW, branch: 'no', name: 'Ada' });
			expect(forwarded[0].item).toEqual({
				reply: { id: 'no', title: 'No' },
				phoneNumber: phone,
				key,
				respondedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			});
			const executions = await n8n.executions(ASK_WORKFLOW);
			expect(executions).toEqual([{ id: executionId, status: 'success', mode: 'webhook' }]);
			// Queued twice by the webhook processor (start, resume), run twice by a worker.
			const enqueued = new RegExp(`Enqueued execution ${executionId} \\(`, 'g');
			expect(n8n.webhookProcessors[0].log().match(enqueued)).toHaveLength(2);
			expect(totalStarts(executionId)).toBe(2);
			expect(n8n.main.log()).not.toMatch(/Enqueued execution|Worker started execution/);
			// The tap resumed the execution and started none of the trigger's workflow.
			expect(await n8n.executions(TRIGGER_WORKFLOW)).toEqual([]);
			expect(recorder.received.filter((r) => (r.body as Forwarded).source === 'trigger')).toEqual(
				[],
			);
			reportMeasurement(
				`scenario 4: execution ${executionId} sent by ${sentBy[0]}, starts by worker ` +
					`${JSON.stringify(startsByWorker(executionId))}; resume calls ` +
					`${JSON.stringify(resumeCalls.map((r) => `${r.upstream} ${r.statusCode}`))}`,
			);
		}),
	);
});
