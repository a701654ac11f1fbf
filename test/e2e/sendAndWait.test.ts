/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sandbox keys */
/**
 * Send Quick Reply and Wait for Tap in a real n8n, on both supported lines: the contact's tap
 * (the sandbox posting to the conversational webhook) reaches the Insider WhatsApp Trigger,
 * which resumes the very execution that sent the message; taps that can resume nothing come out
 * of the trigger as replies; the trigger calls no address but its own n8n's.
 */
import { parseWaitReference } from '../../nodes/shared/waitReference';
import type { InsiderSandbox } from '../../sandbox/server';
import { client, startReceiver, waitFor } from '../support/http';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import type { N8nVersionSpec } from '../../dev/n8n/n8nInstall';
import { ensureN8n, N8N_VERSIONS } from '../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../dev/n8n/n8nInstance';
import { askWorkflow } from './harness/sendAndWaitWorkflows';
import { startSlowInsider } from './harness/slowInsider';
import { credentials, forwardingTriggerWorkflow } from './harness/workflows';

const WEBHOOK_TOKEN = 'e2e-webhook-token-0123456789';
const TRIGGER_WORKFLOW = 'e2eWaitReplies';

type Item = Record<string, unknown> & { reply?: { id: string; title: string } };
type Forwarded = { source: string; branch?: string; execution?: string; name?: string; item: Item };
interface Asked {
	executionId: string;
	key: string;
	buttonIds: string[];
}

describe.each([
	['n8n 2.x', N8N_VERSIONS.v2],
	['n8n 1.x', N8N_VERSIONS.v1],
] as Array<[string, N8nVersionSpec]>)('%s', (_label, spec) => {
	let sandbox: InsiderSandbox;
	let recorder: Awaited<ReturnType<typeof startReceiver>>;
	/** Stands for any address a payload may name; nothing may ever reach it. */
	let elsewhere: Awaited<ReturnType<typeof startReceiver>>;
	let insider: Awaited<ReturnType<typeof startSlowInsider>>;
	let n8n: N8nInstance;
	let triggerUrl: string;
	let timeLimited: Asked;
	let timeLimitedAt: number;
	const forwarded = () => recorder.received.map((r) => r.body as Forwarded);
	const fromAsk = (executionId: string) =>
		forwarded().filter((f) => f.source !== 'trigger' && f.execution === executionId);
	const triggerReplies = (phoneNumber: string) =>
		forwarded()
			.filter((f) => f.source === 'trigger' && f.item.phoneNumber === phoneNumber)
			.map((f) => f.item);
	const statusOf = async (executionId: string) =>
		(
			await n8n.query<{ status: string }>(
				`SELECT status FROM execution_entity WHERE id = ${Number(executionId)}`,
			)
		)[0]?.status;

	/** Starts a workflow that asks `contact`; resolves once its execution is waiting. */
	async function ask(path: string, contact: { phone: string; name: string }): Promise<Asked> {
		const response = await client.post(`${n8n.url}/webhook/${path}`, contact);
		expect(response.status).toBe(200);
		await waitFor(
			() => sandbox.messages.some((m) => m.phoneNumber === contact.phone),
			60_000,
			`the message to ${contact.name}`,
		);
		const message = sandbox.messages.find((m) => m.phoneNumber === contact.phone);
		const buttons = (
			message?.message as { interactive: { action: { buttons: Array<{ reply: { id: string } }> } } }
		).interactive.action.buttons;
		const parsed = parseWaitReference(buttons[0].reply.id);
		if (!parsed.valid) throw new Error(`the button id is no reference: ${parsed.problem}`);
		const { executionId } = parsed.reference;
		await waitFor(
			async () => (await statusOf(executionId)) === 'waiting',
			60_000,
			`execution ${executionId} to wait`,
		);
		return { executionId, key: message?.key as string, buttonIds: buttons.map((b) => b.reply.id) };
	}

	/** The contact taps a button: Insider posts Meta's message to the conversational webhook. */
	const tap = async (asked: Asked, buttonId: string) =>
		expect(await sandbox.tapButton(asked.key, buttonId)).toBe(true);

	async function branchTaken(asked: Asked): Promise<Forwarded> {
		await waitFor(
			() => fromAsk(asked.executionId).length > 0,
			60_000,
			`execution ${asked.executionId} to go on`,
		);
		return fromAsk(asked.executionId)[0];
	}

	beforeAll(async () => {
		const install = await ensureN8n(spec);
		sandbox = await startTestSandbox({ rateLimitPerSecond: 10 });
		recorder = await startReceiver();
		elsewhere = await startReceiver();
		insider = await startSlowInsider(sandbox.url);
		const port = await freePort();
		n8n = new N8nInstance(install, { port });
		triggerUrl = `http://127.0.0.1:${port}/webhook/e2e-wait-replies/webhook`;
		await n8n.importCredentials(credentials(insider.url, TEST_KEY, WEBHOOK_TOKEN));
		await n8n.importWorkflows([
			askWorkflow({
				id: 'e2eAsk',
				path: 'ask',
				askNodeId: '6f1c2a8e-3b7d-4e59-9a0c-1d2e3f405162',
				recorderUrl: recorder.url,
			}),
			askWorkflow({
				id: 'e2eAskLimited',
				path: 'ask-limited',
				askNodeId: 'c0ffee00-1234-4abc-8def-0123456789ab',
				recorderUrl: recorder.url,
				// 0.05 minutes: three seconds.
				limitWaitTime: {
					limitType: 'afterTimeInterval',
					resumeAmount: 0.05,
					resumeUnit: 'minutes',
				},
			}),
			forwardingTriggerWorkflow({
				id: TRIGGER_WORKFLOW,
				webhookId: 'e2e-wait-replies',
				authentication: 'bearerToken',
				recorderUrl: recorder.url,
				label: 'trigger',
			}),
		]);
		await n8n.start();
		sandbox.configure({ webhook: { url: triggerUrl, token: WEBHOOK_TOKEN } });
		// Started first: n8n's wait tracker looks for due executions only once a minute.
		timeLimitedAt = Date.now();
		timeLimited = await ask('ask-limited', { phone: '+15550009001', name: 'Tim' });
	});

	afterAll(async () => {
		await n8n?.stop();
		await elsewhere?.stop();
		await insider?.stop();
		await recorder?.stop();
		await sandbox?.stop();
	});

	let ada: Asked;

	test('a tap on the second button resumes the same execution, which takes the Switch\'s "no" branch', async () => {
		ada = await ask('ask', { phone: '+15550001111', name: 'Ada' });
		const triggerRuns = await n8n.executionCount(TRIGGER_WORKFLOW);
		await tap(ada, ada.buttonIds[1]);
		const taken = await branchTaken(ada);
		expect(taken).toMatchObject({ source: 'e2eAsk', branch: 'no', name: 'Ada' });
		expect(taken.item).toEqual({
			reply: { id: 'no', title: 'No' },
			phoneNumber: '+15550001111',
			key: ada.key,
			respondedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
		});
		await waitFor(async () => (await statusOf(ada.executionId)) === 'success', 30_000, 'success');
		// The tap started no execution of the trigger's workflow.
		expect(await n8n.executionCount(TRIGGER_WORKFLOW)).toBe(triggerRuns);
		expect(triggerReplies('+15550001111')).toEqual([]);
	});

	test('two executions waiting at once: each tap resumes its own', async () => {
		const linus = await ask('ask', { phone: '+15550002222', name: 'Linus' });
		const grace = await ask('ask', { phone: '+15550003333', name: 'Grace' });
		expect(linus.executionId).not.toBe(grace.executionId);
		await tap(grace, grace.buttonIds[2]);
		await tap(linus, linus.buttonIds[0]);
		const [forGrace, forLinus] = [await branchTaken(grace), await branchTaken(linus)];
		expect([forGrace.branch, forGrace.name, forGrace.item.phoneNumber]).toEqual([
			'later',
			'Grace',
			'+15550003333',
		]);
		expect([forLinus.branch, forLinus.name, forLinus.item.phoneNumber]).toEqual([
			'yes',
			'Linus',
			'+15550002222',
		]);
		expect(triggerReplies('+15550002222')).toEqual([]);
		expect(triggerReplies('+15550003333')).toEqual([]);
	});

	test('a tap that arrives while the sending execution is still running is retried until it resumes it', async () => {
		const phone = '+15550006666';
		// Insider's answer is held back: the message is out, the node is still sending.
		insider.holdNextAnswer(2000);
		const response = await client.post(`${n8n.url}/webhook/ask`, { phone, name: 'Quinn' });
		expect(response.status).toBe(200);
		await waitFor(
			() => sandbox.messages.some((m) => m.phoneNumber === phone),
			60_000,
			'the message',
		);
		const message = sandbox.messages.find((m) => m.phoneNumber === phone);
		const buttons = (
			message?.message as { interactive: { action: { buttons: Array<{ reply: { id: string } }> } } }
		).interactive.action.buttons;
		const parsed = parseWaitReference(buttons[1].reply.id);
		if (!parsed.valid) throw new Error(parsed.problem);
		const quinn = {
			executionId: parsed.reference.executionId,
			key: message?.key as string,
			buttonIds: buttons.map((b) => b.reply.id),
		};
		expect(await statusOf(quinn.executionId)).toBe('running');
		await tap(quinn, quinn.buttonIds[1]);
		expect((await branchTaken(quinn)).branch).toBe('no');
		expect(triggerReplies(phone)).toEqual([]);
		// n8n did answer "running already" first: the tap was tried again.
		expect(n8n.log()).toContain(`The execution "${quinn.executionId}" is running already.`);
	});

	test('a tap after the execution resumed resumes nothing and comes out of the trigger as a reply', async () => {
		await tap(ada, ada.buttonIds[0]);
		await waitFor(() => triggerReplies('+15550001111').length > 0, 60_000, 'the reply');
		expect(triggerReplies('+15550001111')).toEqual([
			expect.objectContaining({
				event: 'reply',
				key: ada.key,
				reply: expect.objectContaining({ type: 'button', id: 'yes', title: 'Yes' }),
			}),
		]);
		expect(fromAsk(ada.executionId)).toHaveLength(1);
		expect(await statusOf(ada.executionId)).toBe('success');
	});

	test('a tampered reference resumes nothing, comes out as a reply, and leaves the execution waiting', async () => {
		const mallory = await ask('ask', { phone: '+15550005555', name: 'Mallory' });
		const message = sandbox.messages.find((m) => m.key === mallory.key);
		const buttons = (
			message?.message as { interactive: { action: { buttons: Array<{ reply: { id: string } }> } } }
		).interactive.action.buttons;
		// One hex digit of the signature changed, as if someone edited the id.
		const tampered = mallory.buttonIds[0].replace(
			/\.([0-9a-f])([0-9a-f]{63})\./,
			(_match, first: string, rest: string) => `.${first === 'a' ? 'b' : 'a'}${rest}.`,
		);
		buttons[0].reply.id = tampered;
		await tap(mallory, tampered);
		await waitFor(() => triggerReplies('+15550005555').length > 0, 60_000, 'the reply');
		expect(triggerReplies('+15550005555').map((item) => item.reply)).toEqual([
			expect.objectContaining({ id: 'yes', title: 'Yes' }),
		]);
		expect(await statusOf(mallory.executionId)).toBe('waiting');
		expect(fromAsk(mallory.executionId)).toEqual([]);
		// The genuine button still resumes it.
		await tap(mallory, mallory.buttonIds[1]);
		expect((await branchTaken(mallory)).branch).toBe('no');
	});

	test('a payload naming other addresses makes the trigger call nothing but its own n8n', async () => {
		const eve = await ask('ask', { phone: '+15550004444', name: 'Eve' });
		const parsed = parseWaitReference(eve.buttonIds[0]);
		if (!parsed.valid) throw new Error(parsed.problem);
		const { executionId, nodeId, signature } = parsed.reference;
		const foreign = `${elsewhere.url}/webhook-waiting/${executionId}/${nodeId}`;
		const tapOf = (id: string, index: number) => ({
			from: '15550004444',
			id: `wamid.e2e-foreign-${index}`,
			timestamp: String(Math.floor(Date.now() / 1000)),
			type: 'interactive',
			interactive: { type: 'button_reply', button_reply: { id, title: 'Yes' } },
			context: { from: foreign, id: foreign },
		});
		const payload = {
			object: 'whatsapp_business_account',
			entry: [
				{
					id: foreign,
					changes: [
						{
							field: 'messages',
							value: {
								messaging_product: 'whatsapp',
								metadata: { display_phone_number: foreign, phone_number_id: foreign },
								contacts: [{ profile: { name: foreign }, wa_id: '15550004444' }],
								messages: [
									tapOf(
										`n8nw1s.${executionId}.${nodeId.replace(/-/g, '')}.${signature}.${foreign}`,
										1,
									),
									tapOf(`n8nw1s.${foreign}`, 2),
								],
							},
						},
					],
				},
			],
			key: foreign,
			resumeUrl: foreign,
			callback: foreign,
		};
		const response = await client.post(triggerUrl, payload, {
			headers: { Authorization: `Bearer ${WEBHOOK_TOKEN}` },
		});
		expect(response.status).toBe(200);
		expect(response.data).toEqual({ received: true, events: 2 });
		await waitFor(() => triggerReplies('+15550004444').length === 2, 60_000, 'both replies');
		expect(triggerReplies('+15550004444').map((item) => item.reply?.id)).toEqual([foreign, 'yes']);
		expect(await statusOf(eve.executionId)).toBe('waiting');
		await tap(eve, eve.buttonIds[2]);
		expect((await branchTaken(eve)).branch).toBe('later');
		expect(elsewhere.received).toEqual([]);
	});

	test('with a time limit and no tap, the execution resumes without reply and takes the fallback branch', async () => {
		await waitFor(() => fromAsk(timeLimited.executionId).length > 0, 180_000, 'the time limit');
		const [taken] = fromAsk(timeLimited.executionId);
		const arrivedAt = recorder.received.find((r) => r.body === taken)?.at ?? Date.now();
		process.stdout.write(
			`${_label}: resumed by the time limit ${Math.round((arrivedAt - timeLimitedAt) / 1000)} s after the request (limit 3 s, n8n polls every 60 s)\n`,
		);
		expect(taken).toMatchObject({ source: 'e2eAskLimited', branch: 'noTap', name: 'Tim' });
		expect(taken.item.reply).toBeUndefined();
		expect(taken.item).toMatchObject({ body: { phone: '+15550009001', name: 'Tim' } });
		expect(await statusOf(timeLimited.executionId)).toBe('success');
		expect(elsewhere.received).toEqual([]);
	});
});
