/**
 * The set-up most queue-mode test files share, for one n8n version: the sandbox as Insider
 * (10 requests per second), a recorder the workflows forward their items to, and a deployment
 * of main, two workers and one webhook processor with both credentials and the file's
 * workflows imported; the sandbox's conversational webhook points at the deployment.
 */
import type { InsiderSandbox } from '../../../sandbox/server';
import type { Recorder } from '../../support/http';
import { startReceiver } from '../../support/http';
import { startTestSandbox, TEST_KEY } from '../../support/sandbox';
import type { N8nVersionSpec } from '../../../dev/n8n/n8nInstall';
import { ensureN8n } from '../../../dev/n8n/n8nInstall';
import { QueueDeployment } from './queueMode';
import { credentials } from './workflows';

export interface QueueFixture {
	sandbox: InsiderSandbox;
	recorder: Recorder;
	n8n: QueueDeployment;
	/** A test body that keeps the deployment's logs when it fails. */
	keepLogsOnFailure(body: () => Promise<void>): () => Promise<void>;
}

export interface QueueSetup {
	/** The token Insider's calls carry (the webhook credential's). */
	token: string;
	/** Where the sandbox posts taps, under the deployment's URL. */
	repliesPath: string;
	/** The workflows to import, given the deployment's URL and the recorder's. */
	workflows: (urls: { deployment: string; recorder: string }) => Array<{ id: string }>;
	/** Started while the deployment starts (it takes a minute), e.g. an n8n to compare with. */
	alongside?: (fixture: QueueFixture) => Promise<void>;
}

/** Registers the set-up (beforeAll) and the clean-up (afterAll) of the enclosing describe. */
export function useQueueDeployment(version: N8nVersionSpec, setup: QueueSetup): QueueFixture {
	const fixture = {
		keepLogsOnFailure: (body: () => Promise<void>) => async () => await fixture.n8n.guard(body)(),
	} as QueueFixture;

	beforeAll(async () => {
		const install = await ensureN8n(version);
		fixture.sandbox = await startTestSandbox({ rateLimitPerSecond: 10 });
		fixture.recorder = await startReceiver();
		fixture.n8n = new QueueDeployment(install, { workers: 2, webhookProcessors: 1 });
		await Promise.all([
			fixture.n8n.launch(async (deployment) => {
				await deployment.importCredentials(credentials(fixture.sandbox.url, TEST_KEY, setup.token));
				await deployment.importWorkflows(
					setup.workflows({ deployment: deployment.url, recorder: fixture.recorder.url }),
				);
			}),
			setup.alongside?.(fixture),
		]);
		fixture.sandbox.configure({
			webhook: { url: `${fixture.n8n.url}${setup.repliesPath}`, token: setup.token },
		});
	});

	afterAll(async () => {
		await fixture.n8n?.stop();
		await fixture.recorder?.stop();
		await fixture.sandbox?.stop();
	});

	return fixture;
}
