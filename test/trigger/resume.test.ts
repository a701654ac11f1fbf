/**
 * The trigger's Resume Waiting Executions in n8n-core's engine: a Send and Wait message sent to
 * the sandbox, the contact's tap as the sandbox delivers it, and a loopback stand-in for n8n's
 * waiting-webhook route that checks signatures with n8n-core and runs the waiting node.
 */
import type { CallbackEventName } from '../../nodes/shared/callbackEvent';
import { CALLBACK_EVENT_NAMES } from '../../nodes/shared/callbackEvent';
import { RESUME_LIMITS } from '../../nodes/InsiderWhatsAppTrigger/resumeWaiting';
import { parseWaitReference } from '../../nodes/shared/waitReference';
import type { InsiderSandbox } from '../../sandbox/server';
import { callTriggerWebhook } from '../support/engine';
import { startReceiver } from '../support/http';
import { quickReplyParameters, startTestSandbox, TEST_KEY } from '../support/sandbox';
import type { RouteScript } from '../support/waitEngine';
import {
	EXECUTION_ID,
	runSendAndWait,
	startWaitingRoute,
	WAITING_NODE_ID,
} from '../support/waitEngine';
import { requestAsN8nBuildsIt } from './n8nRequest';

jest.setTimeout(60_000);

const RECIPIENT = '+15550001111';
const TOKEN = 'a-long-conversational-webhook-token';
const waitParameters = quickReplyParameters({ operation: 'sendAndWait' });

type Payload = {
	key?: string;
	entry: Array<{
		changes: Array<{
			value: {
				messages: Array<{
					from: string;
					timestamp: string;
					interactive: { button_reply: { id: string } };
				}>;
			};
		}>;
	}>;
};

let sandbox: InsiderSandbox;
let taps: Awaited<ReturnType<typeof startReceiver>>;
let elsewhere: Awaited<ReturnType<typeof startReceiver>>;
let route: Awaited<ReturnType<typeof startWaitingRoute>>;
let script: RouteScript;

beforeAll(async () => {
	sandbox = await startTestSandbox({ rateLimitPerSecond: 0 });
	taps = await startReceiver();
	elsewhere = await startReceiver();
	route = await startWaitingRoute(
		{ parameters: waitParameters, input: { phone: RECIPIENT }, run: 0 },
		(request, index) => script(request, index),
	);
	sandbox.configure({ webhook: { url: taps.url } });
});
afterAll(async () => {
	await route.stop();
	await elsewhere.stop();
	await taps.stop();
	await sandbox.stop();
});
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ webhook: { url: taps.url } });
	taps.received.length = 0;
	elsewhere.received.length = 0;
	route.requests.length = 0;
	route.resumed.length = 0;
	script = () => undefined;
});

/** Sends a Send and Wait quick reply to +15550001111 and returns its button ids. */
async function sendAndWait(): Promise<string[]> {
	const result = await runSendAndWait({
		parameters: waitParameters,
		items: [{ phone: RECIPIENT }],
		credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
		waitingBaseUrl: route.waitingBaseUrl,
	});
	if (result.error) throw result.error;
	const message = sandbox.messages[0].message as {
		interactive: { action: { buttons: Array<{ reply: { id: string } }> } };
	};
	return message.interactive.action.buttons.map((button) => button.reply.id);
}

/** The contact taps a button; returns what Insider posts to the conversational webhook. */
async function tap(buttonId: string): Promise<Payload> {
	await sandbox.tapButton(sandbox.messages[0].key, buttonId);
	return taps.received[taps.received.length - 1].body as Payload;
}

function withButtonId(payload: Payload, id: string): Payload {
	const copy = JSON.parse(JSON.stringify(payload)) as Payload;
	copy.entry[0].changes[0].value.messages[0].interactive.button_reply.id = id;
	return copy;
}

async function trigger(
	payload: unknown,
	options: Record<string, unknown> = {},
	events: CallbackEventName[] = CALLBACK_EVENT_NAMES,
	webhookBaseUrl = route.webhookBaseUrl,
	authentication = 'bearerToken',
) {
	const request = requestAsN8nBuildsIt(JSON.stringify(payload), 'application/json');
	return await callTriggerWebhook({
		parameters: { events, authentication, options: { deduplicate: false, ...options } },
		body: request.body,
		rawBody: request.rawBody,
		headers: { ...request.headers, authorization: `Bearer ${TOKEN}` },
		token: TOKEN,
		// As in a webhook: no execution yet, n8n's own webhook base URLs.
		additionalData: {
			executionId: undefined,
			webhookBaseUrl,
			webhookWaitingBaseUrl: route.waitingBaseUrl,
		},
	});
}

const running = () => ({
	status: 409,
	body: { code: 409, message: `The execution "${EXECUTION_ID}" is running already.` },
});

/** What the trigger emits for a tap on "No thanks" that resumed nothing. */
const replyWithUserId = (id: string) =>
	expect.objectContaining({
		event: 'reply',
		phoneNumber: '+15550001111',
		reply: expect.objectContaining({ type: 'button', id, title: 'No thanks' }),
	});

test('a tap on a Send and Wait button resumes its execution and starts nothing', async () => {
	const [, no] = await sendAndWait();
	const payload = await tap(no);
	const result = await trigger(payload);

	expect(result.items).toBeUndefined();
	expect(result.webhookResponse).toEqual({ received: true, events: 0, resumed: 1 });
	const parsed = parseWaitReference(no);
	const signature = parsed.valid ? parsed.reference.signature : 'none';
	const respondedAt = new Date(
		Number(payload.entry[0].changes[0].value.messages[0].timestamp) * 1000,
	).toISOString();
	expect(route.requests).toEqual([
		{
			method: 'POST',
			url: `/webhook-waiting/${EXECUTION_ID}/${WAITING_NODE_ID}?button=updates_no&phone=%2B15550001111&run=0&signature=${signature}`,
			body: { key: sandbox.messages[0].key, respondedAt },
		},
	]);
	expect(route.resumed).toEqual([
		[
			{
				json: {
					reply: { id: 'updates_no', title: 'No thanks' },
					phoneNumber: '+15550001111',
					key: sandbox.messages[0].key,
					respondedAt,
				},
				pairedItem: { item: 0 },
			},
		],
	]);
});

test('a tap that meets its execution still running is tried again until it resumes', async () => {
	const [, no] = await sendAndWait();
	script = (_request, index) => (index < 2 ? running() : undefined);
	const result = await trigger(await tap(no));
	expect(route.requests).toHaveLength(3);
	expect(route.resumed).toHaveLength(1);
	expect(result.items).toBeUndefined();
});

/** `count` different well-formed references to the same wait (signatures n8n will refuse). */
function forgedReferences(original: string, count: number): string[] {
	const parsed = parseWaitReference(original);
	if (!parsed.valid) throw new Error(parsed.problem);
	const [prefix, executionId, run, node] = original.split('.');
	return Array.from({ length: count }, (_, index) => {
		const signature = Buffer.alloc(32, index + 1).toString('base64url');
		return [prefix, executionId, run, node, signature, `forged_${index}`].join('.');
	});
}

test('one request tries at most ten taps; the others come out as replies, none lost', async () => {
	const [, no] = await sendAndWait();
	const tapPayload = await tap(no);
	const forged = forgedReferences(no, 1000);
	const result = await trigger(forged.map((id) => withButtonId(tapPayload, id)));
	expect(route.requests).toHaveLength(RESUME_LIMITS.tapsPerRequest);
	expect(result.items).toHaveLength(1000);
	expect(result.items?.map((item) => (item.json.reply as { id: string }).id)).toEqual(
		forged.map((_, index) => `forged_${index}`),
	);
});

test('taps of one request share one time budget, however many name a running execution', async () => {
	const [, no] = await sendAndWait();
	script = running;
	const tapPayload = await tap(no);
	const result = await trigger(forgedReferences(no, 50).map((id) => withButtonId(tapPayload, id)));
	const mostTries =
		RESUME_LIMITS.tapsPerRequest +
		RESUME_LIMITS.requestBudgetMs / RESUME_LIMITS.runningRetryDelayMs;
	expect(route.requests.length).toBeGreaterThan(RESUME_LIMITS.tapsPerRequest);
	expect(route.requests.length).toBeLessThanOrEqual(mostTries);
	expect(result.items?.map((item) => (item.json.reply as { id: string }).id)).toEqual(
		Array.from({ length: 50 }, (_, index) => `forged_${index}`),
	);
});

test('a trigger without authentication resumes nothing: anyone could post to it', async () => {
	const [, no] = await sendAndWait();
	const result = await trigger(
		await tap(no),
		{},
		CALLBACK_EVENT_NAMES,
		route.webhookBaseUrl,
		'none',
	);
	expect(route.requests).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([replyWithUserId('updates_no')]);
});

test('a tap from another number than the recipient resumes nothing', async () => {
	const [, no] = await sendAndWait();
	const payload = await tap(no);
	payload.entry[0].changes[0].value.messages[0].from = '15550002222';
	const result = await trigger(payload);
	expect(route.requests).toHaveLength(1);
	expect(route.resumed).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([
		expect.objectContaining({
			phoneNumber: '+15550002222',
			reply: expect.objectContaining({ id: 'updates_no' }),
		}),
	]);
});

test('neither the reference nor the raw message of an emitted tap holds the reference', async () => {
	const [, no] = await sendAndWait();
	script = () => ({ status: 404, body: { code: 404, message: 'gone' } });
	const result = await trigger(await tap(no));
	expect(JSON.stringify(result.items)).not.toContain('n8nw1');
	expect(result.items?.[0].json.raw).toMatchObject({
		interactive: { button_reply: { id: 'updates_no', title: 'No thanks' } },
	});
});

describe("a tap that can no longer resume anything is a reply event with the user's button id", () => {
	const answers: Array<[string, RouteScript]> = [
		['n8n refuses the signature (tampered reference)', () => undefined],
		[
			'the execution finished: n8n\'s "no action required" page',
			() => ({ status: 200, body: '<html><body>No action required</body></html>' }),
		],
		[
			'the execution was deleted',
			() => ({ status: 404, body: { code: 404, message: 'The execution "4711" does not exist.' } }),
		],
		[
			'the execution finished with an error (no retry)',
			() => ({
				status: 409,
				body: { code: 409, message: 'The execution "4711" has finished with error.' },
			}),
		],
		[
			'an answer that is no acknowledgement',
			() => ({ status: 200, body: { message: 'Workflow was started' } }),
		],
	];
	test.each(answers)('%s', async (name, answer) => {
		const [, no] = await sendAndWait();
		script = answer;
		let payload = await tap(no);
		if (name.startsWith('n8n refuses'))
			payload = withButtonId(payload, forgedReferences(no, 1)[0].replace('forged_0', 'updates_no'));
		const result = await trigger(payload);
		expect(route.requests).toHaveLength(1);
		expect(route.resumed).toHaveLength(0);
		expect(result.items?.map((item) => item.json)).toEqual([replyWithUserId('updates_no')]);
		expect(result.webhookResponse).toEqual({ received: true, events: 1 });
	});
});

test('a damaged reference calls nothing and comes out with the id derived from the title', async () => {
	const [, no] = await sendAndWait();
	const damaged = no.replace(/^(n8nw1\.\d+\.\d+\.)[A-Za-z0-9_-]{22}/, '$1not-a-node-id');
	const result = await trigger(withButtonId(await tap(no), damaged));
	expect(route.requests).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([replyWithUserId('no_thanks')]);
});

test("with Resume Waiting Executions off, nothing is called and the tap is a reply with the user's id", async () => {
	const [, no] = await sendAndWait();
	const result = await trigger(await tap(no), { resumeWaitingExecutions: false });
	expect(route.requests).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([replyWithUserId('updates_no')]);
});

test('an ordinary quick-reply tap is emitted as it came, without any request', async () => {
	await runSendAndWait({
		parameters: quickReplyParameters(),
		items: [{ phone: RECIPIENT }],
		credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
		waitingBaseUrl: route.waitingBaseUrl,
	});
	const result = await trigger(await tap('updates_no'));
	expect(route.requests).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([replyWithUserId('updates_no')]);
});

test('a payload naming other addresses makes the trigger call only its own n8n', async () => {
	const [, no] = await sendAndWait();
	const foreign = `${elsewhere.url}/webhook-waiting/${EXECUTION_ID}/${WAITING_NODE_ID}`;
	const fields = no.split('.').slice(0, 5).join('.');
	const payload = {
		...withButtonId(await tap(no), `${fields}.${foreign}`),
		resumeUrl: foreign,
		callback: foreign,
		webhookUrl: foreign,
	};
	const invalid = withButtonId(payload as Payload, `n8nw1.${foreign}`);
	const result = await trigger([payload, invalid]);
	expect(elsewhere.received).toHaveLength(0);
	expect(route.requests.map((r) => r.url.split('?')[0])).toEqual([
		`/webhook-waiting/${EXECUTION_ID}/${WAITING_NODE_ID}`,
	]);
	expect(route.resumed).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([
		replyWithUserId(foreign),
		replyWithUserId('no_thanks'),
	]);
});

test("no request when n8n's waiting URL and the trigger's own URL are on different hosts", async () => {
	const [, no] = await sendAndWait();
	const result = await trigger(await tap(no), {}, CALLBACK_EVENT_NAMES, `${elsewhere.url}/webhook`);
	expect(route.requests).toHaveLength(0);
	expect(elsewhere.received).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([replyWithUserId('updates_no')]);
});

describe('Events without Reply', () => {
	test('a tap still resumes its execution', async () => {
		const [, no] = await sendAndWait();
		const result = await trigger(await tap(no), {}, ['delivered']);
		expect(route.resumed).toHaveLength(1);
		expect(result.items).toBeUndefined();
	});

	test('a tap that resumes nothing is filtered out like any reply', async () => {
		const [, no] = await sendAndWait();
		script = () => ({ status: 404, body: { code: 404, message: 'gone' } });
		const result = await trigger(await tap(no), {}, ['delivered']);
		expect(route.requests).toHaveLength(1);
		expect(result.items).toBeUndefined();
		expect(result.webhookResponse).toEqual({ received: true, events: 0 });
	});
});
