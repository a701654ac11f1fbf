/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the token is a fake sandbox token */
/**
 * Two promises an n8n user must be able to trust, in a real n8n on both supported lines:
 * the node's parameter values (and expression errors) are exactly n8n's, and Stop stops.
 */
import type { InsiderSandbox } from '../../sandbox/server';
import { client, startReceiver, waitFor } from '../support/http';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import { forwardNode } from '../../dev/n8n/callbackReceivers';
import { DEMO_OWNER } from '../../dev/n8n/demo';
import { BOTH_N8N_LINES, ensureN8n } from '../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../dev/n8n/n8nInstance';
import { sleep } from '../../dev/wait';
import { RestSession } from './harness/restSession';
import { credentials, INSIDER_CREDENTIAL, PKG, sendWorkflow, workflow } from './harness/workflows';

const WEBHOOK_TOKEN = 'e2e-webhook-token-0123456789';

/** Expressions as users type them into Body Text: ordinary ones and ones n8n refuses. */
const EXPRESSIONS = [
	'={{ $json.contact.phone }}',
	'={{ $json["first name"] }}',
	'=You have {{ $json.count }} new orders, {{ $json.name }}',
	'={{ $json.caller }}',
	'=Hi {{{ $json.name }}}',
	'={{ $json["a}}b"] }}',
];

const CONTACTS = [
	{
		phone: '+15550001111',
		name: 'Ada',
		caller: 'CRM import',
		count: 3,
		'first name': 'Ada',
		'a}}b': 'odd column',
		contact: { phone: '+15550001111' },
	},
	{
		phone: '+15550002222',
		name: 'Linus',
		caller: 'Web form',
		count: 0,
		'first name': 'Linus',
		'a}}b': 'odd column',
		contact: { phone: '+15550002222' },
	},
];

/**
 * Webhook -> Split Out -> for each expression, n8n's own Edit Fields node and the Insider node
 * side by side, each forwarding its items to the recorder.
 */
function expressionWorkflow(recorderUrl: string) {
	const forward = (name: string, source: string) => ({ ...forwardNode(recorderUrl, source), name });
	const nodes: Array<Record<string, unknown> & { name: string }> = [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: 'e2e-expressions-hook',
			parameters: { httpMethod: 'POST', path: 'expressions', responseMode: 'onReceived' },
		},
		{
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.contacts', options: {} },
		},
	];
	const base = workflow('e2eExpressions', 'E2E expressions', nodes, ['Webhook', 'Split Out']);
	const fanOut: Array<{ node: string; type: string; index: number }> = [];
	const connections = base.connections as Record<string, unknown>;
	EXPRESSIONS.forEach((expression, index) => {
		const theirs = `n8n ${index}`;
		const ours = `Ours ${index}`;
		base.nodes.push(
			{
				id: `set-${index}`,
				position: [480, index * 200],
				name: theirs,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				onError: 'continueRegularOutput',
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [{ id: `a${index}`, name: 'value', value: expression, type: 'string' }],
					},
					options: {},
				},
			} as never,
			{
				id: `ours-${index}`,
				position: [480, index * 200 + 100],
				name: ours,
				type: `${PKG}.insiderWhatsApp`,
				typeVersion: 1,
				onError: 'continueRegularOutput',
				credentials: { insiderWhatsAppApi: INSIDER_CREDENTIAL },
				parameters: {
					resource: 'message',
					operation: 'sendQuickReply',
					phoneNumber: '={{ $json.phone }}',
					bodyText: expression,
					buttons: { button: [{ id: 'ok', title: 'OK' }] },
					options: {},
				},
			} as never,
			{
				id: `ft-${index}`,
				position: [720, index * 200],
				...forward(`Forward ${theirs}`, theirs),
			} as never,
			{
				id: `fo-${index}`,
				position: [720, index * 200 + 100],
				...forward(`Forward ${ours}`, ours),
			} as never,
		);
		fanOut.push({ node: theirs, type: 'main', index: 0 }, { node: ours, type: 'main', index: 0 });
		connections[theirs] = { main: [[{ node: `Forward ${theirs}`, type: 'main', index: 0 }]] };
		connections[ours] = { main: [[{ node: `Forward ${ours}`, type: 'main', index: 0 }]] };
	});
	connections['Split Out'] = { main: [fanOut] };
	return base;
}

describe.each(BOTH_N8N_LINES)('%s', (_label, spec) => {
	let sandbox: InsiderSandbox;
	let recorder: Awaited<ReturnType<typeof startReceiver>>;
	let n8n: N8nInstance;
	let rest: RestSession;

	beforeAll(async () => {
		const install = await ensureN8n(spec);
		sandbox = await startTestSandbox({ rateLimitPerSecond: 10 });
		recorder = await startReceiver();
		n8n = new N8nInstance(install, { port: await freePort(), owner: DEMO_OWNER });
		await n8n.importCredentials(credentials(sandbox.url, TEST_KEY, WEBHOOK_TOKEN));
		await n8n.importWorkflows([
			expressionWorkflow(recorder.url),
			sendWorkflow({
				id: 'e2eCampaign',
				path: 'campaign',
				responseMode: 'onReceived',
				sendOptions: { batchSize: 10, requestsPerSecond: 10 },
			}),
		]);
		await n8n.start();
		rest = await RestSession.asOwner(n8n, DEMO_OWNER);
	});

	afterAll(async () => {
		await n8n?.stop();
		await recorder?.stop();
		await sandbox?.stop();
	});

	test("parameter values and expression errors are exactly n8n's own", async () => {
		const response = await client.post(`${n8n.url}/webhook/expressions`, { contacts: CONTACTS });
		expect(response.status).toBe(200);
		const expected = EXPRESSIONS.length * CONTACTS.length * 2;
		await waitFor(() => recorder.received.length >= expected, 120_000, 'every item forwarded');
		const itemsOf = (source: string) =>
			recorder.received
				.map((r) => r.body as { source: string; item: Record<string, unknown> })
				.filter((r) => r.source === source)
				.map((r) => r.item);

		const bodyTextOf = (key: unknown) =>
			(
				sandbox.messages.find((m) => m.key === key)?.message as {
					interactive?: { body?: { text?: string } };
				}
			)?.interactive?.body?.text;
		const outcomes = EXPRESSIONS.map((expression, index) => {
			const theirs = itemsOf(`n8n ${index}`);
			const ours = itemsOf(`Ours ${index}`);
			return {
				expression,
				theirs: theirs.map((item) => (item.error ? { error: item.error } : { value: item.value })),
				ours: ours.map((item) =>
					item.status === 'invalid' ? { error: item.error } : { value: bodyTextOf(item.key) },
				),
			};
		});
		for (const outcome of outcomes) expect(outcome.ours).toEqual(outcome.theirs);
		// The cases the issue names really are refused by n8n, and ordinary ones are not.
		const refused = outcomes.map((o) => o.theirs.every((t) => 'error' in t));
		expect(refused).toEqual([false, false, false, true, true, true]);
		expect(outcomes[2].ours).toEqual([
			{ value: 'You have 3 new orders, Ada' },
			{ value: 'You have 0 new orders, Linus' },
		]);
	});

	test('Stop stops a running campaign: no request starts more than one second after it', async () => {
		sandbox.reset();
		const contacts = Array.from({ length: 3000 }, (_, i) => ({
			phone: `+1555${String(2000000 + i).padStart(7, '0')}`,
			name: `Contact ${i}`,
		}));
		const response = await client.post(`${n8n.url}/webhook/campaign`, { contacts });
		expect(response.status).toBe(200);
		await waitFor(() => sandbox.requests.length > 0, 120_000, 'the first request');
		const [running] = await waitFor(
			async () => {
				const rows = await n8n.query<{ id: string }>(
					"SELECT id FROM execution_entity WHERE workflowId = 'e2eCampaign' AND status = 'running'",
				);
				return rows.length > 0 && rows;
			},
			30_000,
			'the campaign execution to show as running',
		);
		const stoppedAt = Date.now();
		await rest.stopExecution(String(running.id));
		await waitFor(
			async () =>
				(
					await n8n.query<{ status: string }>(
						`SELECT status FROM execution_entity WHERE id = ${Number(running.id)}`,
					)
				)[0]?.status !== 'running',
			30_000,
			'the execution to end',
		);
		// Nothing to wait for but time: a request starting late would show up within these 3 s.
		await sleep(3000);
		const started = sandbox.requests.map((r) => Date.parse(r.at));
		const late = started.filter((at) => at > stoppedAt + 1000);
		expect({ late: late.length, sentBeforeStop: started.length > 0 }).toEqual({
			late: 0,
			sentBeforeStop: true,
		});
		// Far fewer than the 300 requests of the whole campaign went out.
		expect(sandbox.requests.length).toBeLessThan(60);
		// Every request that started was answered, and its messages recorded once.
		expect(sandbox.requests.every((r) => r.statusCode === 200)).toBe(true);
		const recorded = sandbox.messages.map((m) => m.phoneNumber);
		expect(new Set(recorded).size).toBe(recorded.length);
		expect(recorded.length).toBe(sandbox.requests.reduce((sum, r) => sum + r.messageCount, 0));
	});
});
