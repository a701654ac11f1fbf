/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sandbox keys */
/**
 * One real n8n for the Send and Wait scenarios: the sandbox (behind a stand-in that can hold an
 * answer back), a recorder every workflow forwards to, the always-active trigger on the
 * conversational webhook, and the helpers a scenario uses: ask a contact, tap, see where the
 * execution went, read an execution's status.
 */
import { parseWaitReference } from '../../../nodes/shared/waitReference';
import type { InsiderSandbox } from '../../../sandbox/server';
import { client, startReceiver, waitFor } from '../../support/http';
import { startTestSandbox, TEST_KEY } from '../../support/sandbox';
import type { N8nVersionSpec } from '../../../dev/n8n/n8nInstall';
import { ensureN8n } from '../../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../../dev/n8n/n8nInstance';
import { startSlowInsider } from './slowInsider';
import { credentials, forwardingTriggerWorkflow } from './workflows';

export const WEBHOOK_TOKEN = 'e2e-webhook-token-0123456789';
export const TRIGGER_WORKFLOW = 'e2eWaitReplies';

export type Item = Record<string, unknown> & { reply?: { id: string; title: string } };
export type Forwarded = {
	source: string;
	branch?: string;
	execution?: string;
	name?: string;
	item: Item;
};
export interface Asked {
	executionId: string;
	key: string;
	buttonIds: string[];
}
type Buttons = Array<{ reply: { id: string } }>;

export class SendAndWaitDeployment {
	sandbox!: InsiderSandbox;
	recorder!: Awaited<ReturnType<typeof startReceiver>>;
	/** Stands for any address a payload may name; nothing may ever reach it. */
	elsewhere!: Awaited<ReturnType<typeof startReceiver>>;
	insider!: Awaited<ReturnType<typeof startSlowInsider>>;
	n8n!: N8nInstance;
	triggerUrl = '';

	/** Starts everything with the trigger's workflow and `workflows(recorderUrl)`. */
	async start(
		spec: N8nVersionSpec,
		workflows: (recorderUrl: string) => Array<{ id: string }>,
	): Promise<void> {
		const install = await ensureN8n(spec);
		this.sandbox = await startTestSandbox({ rateLimitPerSecond: 10 });
		this.recorder = await startReceiver();
		this.elsewhere = await startReceiver();
		this.insider = await startSlowInsider(this.sandbox.url);
		const port = await freePort();
		this.n8n = new N8nInstance(install, { port });
		this.triggerUrl = `http://127.0.0.1:${port}/webhook/e2e-wait-replies/webhook`;
		await this.n8n.importCredentials(credentials(this.insider.url, TEST_KEY, WEBHOOK_TOKEN));
		await this.n8n.importWorkflows([
			...workflows(this.recorder.url),
			forwardingTriggerWorkflow({
				id: TRIGGER_WORKFLOW,
				webhookId: 'e2e-wait-replies',
				authentication: 'bearerToken',
				recorderUrl: this.recorder.url,
				label: 'trigger',
			}),
		]);
		await this.n8n.start();
		this.sandbox.configure({ webhook: { url: this.triggerUrl, token: WEBHOOK_TOKEN } });
	}

	async stop(): Promise<void> {
		await this.n8n?.stop();
		await this.elsewhere?.stop();
		await this.insider?.stop();
		await this.recorder?.stop();
		await this.sandbox?.stop();
	}

	forwarded(): Forwarded[] {
		return this.recorder.received.map((r) => r.body as Forwarded);
	}

	/** What the waiting workflows forwarded from `executionId`, in order. */
	fromExecution(executionId: string): Forwarded[] {
		return this.forwarded().filter((f) => f.source !== 'trigger' && f.execution === executionId);
	}

	/** The trigger's reply items from `phoneNumber`, in order. */
	triggerReplies(phoneNumber: string): Item[] {
		return this.forwarded()
			.filter((f) => f.source === 'trigger' && f.item.phoneNumber === phoneNumber)
			.map((f) => f.item);
	}

	async statusOf(executionId: string): Promise<string | undefined> {
		const rows = await this.n8n.query<{ status: string }>(
			`SELECT status FROM execution_entity WHERE id = ${Number(executionId)}`,
		);
		return rows[0]?.status;
	}

	async waitForStatus(executionId: string, status: string): Promise<void> {
		await waitFor(
			async () => (await this.statusOf(executionId)) === status,
			60_000,
			`execution ${executionId} to be ${status}`,
		);
	}

	/** The message the sandbox recorded as the `index`-th to `phoneNumber`, as asked. */
	async messageTo(phoneNumber: string, index = 0): Promise<Asked> {
		const to = () => this.sandbox.messages.filter((m) => m.phoneNumber === phoneNumber);
		await waitFor(() => to().length > index, 60_000, `message ${index + 1} to ${phoneNumber}`);
		const message = to()[index];
		const buttons = (message.message as { interactive: { action: { buttons: Buttons } } })
			.interactive.action.buttons;
		const parsed = parseWaitReference(buttons[0].reply.id);
		if (!parsed.valid) throw new Error(`the button id is no reference: ${parsed.problem}`);
		return {
			executionId: parsed.reference.executionId,
			key: message.key,
			buttonIds: buttons.map((b) => b.reply.id),
		};
	}

	/** Starts the workflow at `path` for `contact`; resolves once its execution is waiting. */
	async ask(path: string, contact: { phone: string; name: string }): Promise<Asked> {
		const response = await client.post(`${this.n8n.url}/webhook/${path}`, contact);
		if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);
		const asked = await this.messageTo(contact.phone);
		await this.waitForStatus(asked.executionId, 'waiting');
		return asked;
	}

	/** The contact taps a button: Insider posts Meta's message to the conversational webhook. */
	async tap(asked: Asked, buttonId: string): Promise<void> {
		if (!(await this.sandbox.tapButton(asked.key, buttonId))) throw new Error('the tap failed');
	}

	/** What `asked`'s execution forwarded first, once it went on. */
	async branchTaken(asked: Asked): Promise<Forwarded> {
		await waitFor(
			() => this.fromExecution(asked.executionId).length > 0,
			60_000,
			`execution ${asked.executionId} to go on`,
		);
		return this.fromExecution(asked.executionId)[0];
	}
}
