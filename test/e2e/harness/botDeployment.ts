/**
 * One real n8n for the bot scenarios: the Insider sandbox playing the contact, the scripted
 * model server in place of OpenAI, a recorder workflows may forward to, and n8n with the built
 * package. The sandbox's conversational webhook (one per Insider account) points at whichever
 * trigger a scenario names.
 */
import { ModelServer } from '../../../dev/modelServer/server';
import { importDemo } from '../../../dev/n8n/demo';
import type { N8nVersionSpec } from '../../../dev/n8n/n8nInstall';
import { ensureN8n } from '../../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../../dev/n8n/n8nInstance';
import type { SandboxOptions } from '../../../sandbox/options';
import type { InsiderSandbox } from '../../../sandbox/server';
import { startReceiver, waitFor } from '../../support/http';
import { startTestSandbox, TEST_KEY } from '../../support/sandbox';

export const MODEL_KEY = 'sk-model-server-bots';

export interface BotServices {
	n8nUrl: string;
	sandboxUrl: string;
	modelUrl: string;
	recorderUrl: string;
}

export class BotDeployment {
	sandbox!: InsiderSandbox;
	model!: ModelServer;
	recorder!: Awaited<ReturnType<typeof startReceiver>>;
	n8n!: N8nInstance;

	/** `setup` imports credentials and workflows into the stopped n8n; then n8n starts. */
	async start(
		spec: N8nVersionSpec,
		setup: (n8n: N8nInstance, services: BotServices) => Promise<void>,
		sandboxOptions: SandboxOptions = {},
	): Promise<void> {
		const install = await ensureN8n(spec);
		this.sandbox = await startTestSandbox({ rateLimitPerSecond: 10, ...sandboxOptions });
		this.model = await new ModelServer({ apiKey: MODEL_KEY }).start();
		this.recorder = await startReceiver();
		const port = await freePort();
		this.n8n = new N8nInstance(install, { port });
		await setup(this.n8n, {
			n8nUrl: `http://127.0.0.1:${port}`,
			sandboxUrl: this.sandbox.url,
			modelUrl: this.model.baseUrl,
			recorderUrl: this.recorder.url,
		});
		await this.n8n.start();
	}

	async stop(): Promise<void> {
		await this.n8n?.stop();
		await this.recorder?.stop();
		await this.model?.stop();
		await this.sandbox?.stop();
	}

	/** Forgets what the sandbox, the model server and the recorder saw. */
	reset(): void {
		this.sandbox.reset();
		this.model.reset();
		this.recorder.received.length = 0;
	}

	/** Waits until the workflow has run `count` executions and none is still running; their statuses. */
	async executionsFinished(workflowId: string, count: number): Promise<string[]> {
		const statuses = async () =>
			(
				await this.n8n.query<{ status: string }>(
					`SELECT status FROM execution_entity WHERE workflowId = '${workflowId}'`,
				)
			).map((row) => row.status);
		await waitFor(
			async () => {
				const all = await statuses();
				return all.length >= count && all.every((status) => !['new', 'running'].includes(status));
			},
			60_000,
			`${count} finished executions of ${workflowId}`,
		);
		return await statuses();
	}

	/** The sandbox's conversational webhook: the trigger with this webhook id gets the contact. */
	webhookTo(webhookId: string, token: string): void {
		this.sandbox.configure({
			webhook: { url: `${this.n8n.url}/webhook/${webhookId}/webhook`, token },
		});
	}

	/** The bodies the recorder got, in order. */
	recorded<T = Record<string, unknown>>(): T[] {
		return this.recorder.received.map((request) => request.body as T);
	}

	/** Waits for the `count`-th message the sandbox recorded to `phoneNumber`, and returns it. */
	async messageTo(phoneNumber: string, count = 1, timeoutMs = 60_000) {
		const to = () => this.sandbox.messages.filter((m) => m.phoneNumber === phoneNumber);
		await waitFor(() => to().length >= count, timeoutMs, `message ${count} to ${phoneNumber}`);
		return to()[count - 1];
	}
}

/** `npm start`'s demo as given an OpenAI key: the examples with the sandbox and the model server. */
export async function importDemoWithModel(n8n: N8nInstance, services: BotServices): Promise<void> {
	const sandbox = { apiKey: TEST_KEY, baseUrl: services.sandboxUrl };
	const model = { apiKey: MODEL_KEY, baseUrl: services.modelUrl };
	await importDemo(n8n, sandbox, services.n8nUrl, { model });
}

export { TEST_KEY };
