/**
 * Campaigns on n8n's distributed engine: the Send Quick Reply node runs on workers (separate
 * OS processes), started through a webhook processor behind a load balancer, with Insider
 * played by the sandbox at 10 requests per second per key.
 */
import type { InsiderSandbox } from '../../../sandbox/server';
import { waitFor } from '../../support/http';
import { sleep } from '../../../dev/wait';
import { startTestSandbox, TEST_KEY } from '../../support/sandbox';
import { ensureN8n, N8N_VERSIONS } from '../../../dev/n8n/n8nInstall';
import type { N8nVersionSpec } from '../../../dev/n8n/n8nInstall';
import { QueueDeployment, reportMeasurement } from '../harness/queueMode';
import { campaignWorkflow } from '../harness/queueWorkflows';
import { credentials } from '../harness/workflows';
import {
	contacts,
	expectAllAccepted,
	latestExecution,
	repeated,
	runCampaign,
	startCampaign,
} from './campaignRuns';

const CAMPAIGN_SIZE = 2000;
/**
 * Bull's lock on a running job (n8n's defaults: 60 s, renewed every 10 s, checked every 30 s),
 * shortened so a dead worker's job is noticed in well under a minute. With the defaults n8n
 * failed the execution 115 s after the kill.
 */
const LOCK_DURATION_MS = 30_000;
const LOCK_RENEW_MS = 10_000;
const STALLED_INTERVAL_MS = 5_000;

/** Settings every campaign deployment shares; the lock timings matter to scenario 6. */
const deploymentOptions = {
	workers: 2,
	webhookProcessors: 1,
	// One job per worker: two campaigns started together then must use both workers. With
	// n8n's default of 10, Redis usually hands the second job to the idle worker, not always.
	workerConcurrency: 1,
	env: {
		QUEUE_WORKER_LOCK_DURATION: String(LOCK_DURATION_MS),
		QUEUE_WORKER_LOCK_RENEW_TIME: String(LOCK_RENEW_MS),
		QUEUE_WORKER_STALLED_INTERVAL: String(STALLED_INTERVAL_MS),
	},
};

/** A queue deployment of `version` with the settings above, not started yet. */
async function campaignDeployment(version: N8nVersionSpec): Promise<QueueDeployment> {
	return new QueueDeployment(await ensureN8n(version), deploymentOptions);
}

/** Starts the deployment with the sandbox's credentials and these workflows. */
async function launchCampaigns(
	n8n: QueueDeployment,
	sandbox: InsiderSandbox,
	workflows: Array<{ id: string }>,
): Promise<void> {
	await n8n.launch(async (deployment) => {
		await deployment.importCredentials(
			credentials(sandbox.url, TEST_KEY, 'queue-webhook-token-0123456789'),
		);
		await deployment.importWorkflows(workflows);
	});
}

const SCENARIO_1 =
	'1. a 2,000-contact campaign runs on one worker at 10 requests/second: all accepted, no 429, each phone exactly once';

/** Scenario 1 on a deployment that has `campaignWorkflow('qCampaign', 'campaign')`. */
async function campaignRunsOnOneWorker(n8n: QueueDeployment, sandbox: InsiderSandbox) {
	sandbox.reset();
	const people = contacts(2, CAMPAIGN_SIZE);
	const items = await runCampaign(n8n, 'campaign', people);

	expectAllAccepted(items, people);
	expect(sandbox.requests.filter((r) => r.statusCode === 429)).toHaveLength(0);
	expect(sandbox.messages.map((m) => m.phoneNumber).sort()).toEqual(
		people.map((p) => p.phone).sort(),
	);
	expect(repeated(sandbox.messages.map((m) => m.phoneNumber))).toEqual({});

	// The webhook processor took the request and queued it; exactly one worker ran it.
	expect(n8n.balancer.routed.map((r) => r.upstream)).toEqual(['webhook-1']);
	const execution = await latestExecution(n8n, 'qCampaign');
	expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
	expect(n8n.webhookProcessors[0].log()).toContain(`Enqueued execution ${execution.id} (job`);
	const ranIt = n8n.workersThatStarted(execution.id);
	expect(ranIt).toHaveLength(1);
	expect(ranIt[0].log()).toContain(`Worker finished execution ${execution.id} (job`);
	expect(n8n.main.log()).not.toContain(`execution ${execution.id} (job`);
	reportMeasurement(
		`scenario 1 (n8n ${n8n.install.spec.n8n}): execution ${execution.id} ran on ${ranIt[0].name}; ${sandbox.requests.length} requests, ${sandbox.messages.length} messages`,
	);
}

describe('queue mode on n8n 2.x: campaigns run on workers', () => {
	let sandbox: InsiderSandbox;
	let n8n: QueueDeployment;

	beforeAll(async () => {
		sandbox = await startTestSandbox({ rateLimitPerSecond: 10 });
		n8n = await campaignDeployment(N8N_VERSIONS.v2);
		await launchCampaigns(n8n, sandbox, [
			campaignWorkflow('qCampaign', 'campaign'),
			campaignWorkflow('qCampaignSlow', 'campaign-slow', { requestsPerSecond: 2 }),
		]);
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	/** A test body that keeps the deployment's logs when it fails. */
	const keepLogsOnFailure = (body: () => Promise<void>) => async () => await n8n.guard(body)();

	test(
		SCENARIO_1,
		keepLogsOnFailure(async () => await campaignRunsOnOneWorker(n8n, sandbox)),
	);

	// 2. Campaigns that share one API key across workers: sharedKey.test.ts.

	// 4. Send and Wait in queue mode: see its place in callbacks.test.ts.

	test(
		'6. a worker killed (SIGKILL) mid-campaign: n8n fails the execution instead of re-running it, and no message is sent twice',
		keepLogsOnFailure(async () => {
			sandbox.reset();
			const people = contacts(7, CAMPAIGN_SIZE);
			const answer = startCampaign(n8n, 'campaign-slow', people);
			await waitFor(() => sandbox.requests.length >= 10, 120_000, 'ten requests');
			const execution = await latestExecution(n8n, 'qCampaignSlow');
			const [victim] = n8n.workersThatStarted(execution.id);
			const survivor = n8n.workers.find((w) => w !== victim);
			await victim.signal('SIGKILL');
			const killedAt = Date.now();
			const atKill = { requests: sandbox.requests.length, messages: sandbox.messages.length };

			// Watch the execution's status until n8n decides.
			const timeline: Array<{ afterSeconds: number; status: string }> = [];
			const status = await waitFor(
				async () => {
					const current = (await latestExecution(n8n, 'qCampaignSlow')).status;
					if (current !== timeline.at(-1)?.status)
						timeline.push({ afterSeconds: (Date.now() - killedAt) / 1000, status: current });
					return !['new', 'running'].includes(current) && current;
				},
				180_000,
				"n8n's decision on the killed worker's execution",
				{ intervalMs: 500 },
			);
			const response = await answer;
			// Nothing to wait for but time: a re-run, if n8n made one, would send within two of
			// Bull's stalled-job checks.
			await sleep(2 * STALLED_INTERVAL_MS);

			const phones = sandbox.messages.map((m) => m.phoneNumber);
			expect(repeated(phones)).toEqual({});
			expect(n8n.workersThatStarted(execution.id)).toEqual([victim]);
			expect(survivor?.log()).not.toContain(`execution ${execution.id} (job`);
			expect(status).toBe('error');
			expect(sandbox.messages.length).toBeLessThan(CAMPAIGN_SIZE);
			reportMeasurement(
				`scenario 6: killed ${victim.name} with ${atKill.requests} requests / ${atKill.messages} messages received; ` +
					`finally ${sandbox.requests.length} requests, ${sandbox.messages.length} messages, ${new Set(phones).size} distinct phones; ` +
					`status timeline ${JSON.stringify(timeline)}; the caller got ${response.status} ${JSON.stringify(response.data)}`,
			);
		}),
	);
});

describe('queue mode on n8n 1.x: a campaign runs on a worker', () => {
	let sandbox: InsiderSandbox;
	let n8n: QueueDeployment;

	beforeAll(async () => {
		sandbox = await startTestSandbox({ rateLimitPerSecond: 10 });
		n8n = await campaignDeployment(N8N_VERSIONS.v1);
		await launchCampaigns(n8n, sandbox, [campaignWorkflow('qCampaign', 'campaign')]);
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	test(
		SCENARIO_1,
		async () => await n8n.guard(async () => await campaignRunsOnOneWorker(n8n, sandbox))(),
	);
});
