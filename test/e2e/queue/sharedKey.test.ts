/**
 * Campaigns on different workers that share one API key, every setting at its default: each
 * worker's limiter only sees the key's other users through Insider's 429s and adapts its own
 * rate (README "Queue mode"). Correctness is asserted; the speed figures are measured and
 * printed, never asserted (the machine is shared and timings are noisy).
 */
import type { InsiderSandbox } from '../../../sandbox/server';
import { waitFor } from '../../support/http';
import { startTestSandbox } from '../../support/sandbox';
import { ensureN8n, N8N_VERSIONS } from '../../../dev/n8n/n8nInstall';
import { QueueDeployment, reportMeasurement } from '../harness/queueMode';
import { campaignWorkflow } from '../harness/queueWorkflows';
import { credentials } from '../harness/workflows';
import type { OutputItem } from './campaignRuns';
import {
	contacts,
	expectAllAccepted,
	latestExecution,
	repeated,
	runCampaign,
} from './campaignRuns';
import { describeKeyShare, keyShare } from './keyShare';

/** One key per scenario, so no limiter starts a scenario still lowered by the previous one. */
const KEYS = {
	two: 'INS.shared-two-0123456789',
	three: 'INS.shared-three-0123456789',
	longAndShort: 'INS.shared-long-0123456789',
};

type Scenario = keyof typeof KEYS;

const credentialOf = (scenario: Scenario) => ({
	id: `sharedKey-${scenario}`,
	name: `Insider sandbox, shared key (${scenario})`,
});

/** A default-settings campaign whose node sends with the scenario's key. */
function campaignOn(scenario: Scenario, id: string, path: string) {
	const workflow = campaignWorkflow(id, path);
	for (const node of workflow.nodes as Array<{ credentials?: Record<string, unknown> }>)
		if (node.credentials?.insiderWhatsAppApi)
			node.credentials = { insiderWhatsAppApi: credentialOf(scenario) };
	return workflow;
}

const CAMPAIGNS = [
	{ scenario: 'two', id: 'qShared2a', path: 'shared-two-a' },
	{ scenario: 'two', id: 'qShared2b', path: 'shared-two-b' },
	{ scenario: 'three', id: 'qShared3a', path: 'shared-three-a' },
	{ scenario: 'three', id: 'qShared3b', path: 'shared-three-b' },
	{ scenario: 'three', id: 'qShared3c', path: 'shared-three-c' },
	{ scenario: 'longAndShort', id: 'qSharedLong', path: 'shared-long' },
	{ scenario: 'longAndShort', id: 'qSharedShort', path: 'shared-short' },
] as const;

describe('queue mode: campaigns on different workers share one API key at default settings', () => {
	let sandbox: InsiderSandbox;
	let n8n: QueueDeployment;

	beforeAll(async () => {
		sandbox = await startTestSandbox({ keys: Object.values(KEYS), rateLimitPerSecond: 10 });
		// One job per worker: campaigns started together run on different workers.
		n8n = new QueueDeployment(await ensureN8n(N8N_VERSIONS.v2), {
			workers: 3,
			webhookProcessors: 1,
			workerConcurrency: 1,
		});
		await n8n.launch(async (deployment) => {
			const [insider, webhook] = credentials(sandbox.url, KEYS.two, 'queue-webhook-0123456789');
			await deployment.importCredentials([
				webhook,
				...(Object.keys(KEYS) as Scenario[]).map((scenario) => ({
					...insider,
					...credentialOf(scenario),
					data: { apiKey: KEYS[scenario], baseUrl: sandbox.url },
				})),
			]);
			await deployment.importWorkflows(
				CAMPAIGNS.map(({ scenario, id, path }) => campaignOn(scenario, id, path)),
			);
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	const keepLogsOnFailure = (body: () => Promise<void>) => async () => await n8n.guard(body)();

	/** Every campaign complete, each phone accepted once, each execution a success on its own worker. */
	async function expectCampaignsDone(
		runs: Array<{ id: string; people: Array<{ phone: string }>; items: OutputItem[] }>,
	) {
		for (const { people, items } of runs) expectAllAccepted(items, people);
		const phones = sandbox.messages.map((m) => m.phoneNumber);
		expect(phones.sort()).toEqual(runs.flatMap((run) => run.people.map((p) => p.phone)).sort());
		expect(repeated(phones)).toEqual({});
		// A refused request recorded nothing.
		expect(
			sandbox.requests.filter((r) => r.statusCode === 429).every((r) => r.messageCount === 0),
		).toBe(true);
		const executions = await Promise.all(
			runs.map(async (run) => await latestExecution(n8n, run.id)),
		);
		expect(executions.map((e) => e.status)).toEqual(runs.map(() => 'success'));
		const workers = executions.flatMap((e) => n8n.workersThatStarted(e.id).map((w) => w.name));
		expect(new Set(workers).size).toBe(runs.length);
	}

	/** Starts the scenario's 2,000-contact campaigns at once and checks and reports them. */
	async function concurrentCampaigns(scenario: Scenario, label: string) {
		sandbox.reset();
		const chosen = CAMPAIGNS.filter((c) => c.scenario === scenario);
		const started = Date.now();
		const runs = await Promise.all(
			chosen.map(async ({ id, path }, index) => {
				const people = contacts(index + 1);
				return { id, people, items: await runCampaign(n8n, path, people) };
			}),
		);
		const seconds = (Date.now() - started) / 1000;
		await expectCampaignsDone(runs);
		const prefixes = chosen.map((_, index) => index + 1);
		reportMeasurement(
			`${label}: ${describeKeyShare(keyShare(sandbox.requests, prefixes), seconds)}`,
		);
	}

	test(
		'two 2,000-contact campaigns started at once on two workers: both complete, every phone accepted once',
		keepLogsOnFailure(async () => await concurrentCampaigns('two', 'two campaigns')),
	);

	test(
		'three 2,000-contact campaigns started at once on three workers: all complete, every phone accepted once',
		keepLogsOnFailure(async () => await concurrentCampaigns('three', 'three campaigns')),
	);

	test(
		'a 2,000-contact campaign started while a 20,000-contact one sends: both complete, every phone accepted once',
		keepLogsOnFailure(async () => {
			sandbox.reset();
			const long = contacts(1, 20_000);
			const short = contacts(2);
			const started = Date.now();
			const longRun = runCampaign(n8n, 'shared-long', long);
			// About 10 s into the long campaign's sending.
			await waitFor(
				() => sandbox.requests.filter((r) => r.statusCode === 200).length >= 100,
				300_000,
				"the long campaign's first 100 accepted requests",
			);
			const shortItems = await runCampaign(n8n, 'shared-short', short);
			const longItems = await longRun;
			const seconds = (Date.now() - started) / 1000;
			await expectCampaignsDone([
				{ id: 'qSharedLong', people: long, items: longItems },
				{ id: 'qSharedShort', people: short, items: shortItems },
			]);
			reportMeasurement(
				`20,000 + 2,000: ${describeKeyShare(keyShare(sandbox.requests, [1, 2]), seconds)}`,
			);
		}),
	);
});
