/**
 * What the tests of the trigger's Resume Waiting Executions share: a Send and Wait message sent to
 * the sandbox, the contact's tap as the sandbox delivers it, and a loopback stand-in for n8n's
 * waiting-webhook route that checks signatures with n8n-core and runs the waiting node.
 */
import type { CallbackEventName } from '../../nodes/shared/callbackEvent';
import { CALLBACK_EVENT_NAMES } from '../../nodes/shared/callbackEvent';
import type { InsiderSandbox } from '../../sandbox/server';
import { callTriggerWebhook } from '../support/engine';
import { startReceiver } from '../support/http';
import { quickReplyParameters, startTestSandbox, TEST_KEY } from '../support/sandbox';
import type { RouteScript } from '../support/waitEngine';
import { EXECUTION_ID, runSendAndWait, startWaitingRoute } from '../support/waitEngine';
import { parseWaitReference } from '../../nodes/shared/waitReference';
import { requestAsN8nBuildsIt } from './n8nRequest';

export const RECIPIENT = '+15550001111';
export const TOKEN = 'a-long-conversational-webhook-token';
const waitParameters = quickReplyParameters({ operation: 'sendAndWait' });

export type Payload = {
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

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** The services of one test file; set in beforeAll, reset before each test. */
export interface ResumeWorld {
	sandbox: InsiderSandbox;
	/** Where the sandbox delivers the contact's taps. */
	taps: Receiver;
	/** Another server, which must never get a resume. */
	elsewhere: Receiver;
	/** The stand-in for n8n's waiting-webhook route. */
	route: Awaited<ReturnType<typeof startWaitingRoute>>;
	/** How the route answers each request; undefined = as n8n would. */
	script: RouteScript;
}

export const world = {} as ResumeWorld;

/** Starts the services for this test file; call at the top level of a test file. */
export function useResumeWorld(): void {
	beforeAll(async () => {
		world.sandbox = await startTestSandbox({ rateLimitPerSecond: 0 });
		world.taps = await startReceiver();
		world.elsewhere = await startReceiver();
		world.route = await startWaitingRoute(
			{ parameters: waitParameters, input: { phone: RECIPIENT }, run: 0 },
			(request, index) => world.script(request, index),
		);
		world.sandbox.configure({ webhook: { url: world.taps.url } });
	});
	afterAll(async () => {
		await world.route.stop();
		await world.elsewhere.stop();
		await world.taps.stop();
		await world.sandbox.stop();
	});
	beforeEach(() => {
		world.sandbox.reset();
		world.sandbox.configure({ webhook: { url: world.taps.url } });
		world.taps.received.length = 0;
		world.elsewhere.received.length = 0;
		world.route.requests.length = 0;
		world.route.resumed.length = 0;
		world.script = () => undefined;
	});
}

/** Sends a Send and Wait quick reply to +15550001111 and returns its button ids. */
export async function sendAndWait(): Promise<string[]> {
	const result = await runSendAndWait({
		parameters: waitParameters,
		items: [{ phone: RECIPIENT }],
		credentials: { apiKey: TEST_KEY, baseUrl: world.sandbox.url },
		waitingBaseUrl: world.route.waitingBaseUrl,
	});
	if (result.error) throw result.error;
	const message = world.sandbox.messages[0].message as {
		interactive: { action: { buttons: Array<{ reply: { id: string } }> } };
	};
	return message.interactive.action.buttons.map((button) => button.reply.id);
}

/** The contact taps a button; returns what Insider posts to the conversational webhook. */
export async function tap(buttonId: string): Promise<Payload> {
	await world.sandbox.tapButton(world.sandbox.messages[0].key, buttonId);
	return world.taps.received[world.taps.received.length - 1].body as Payload;
}

export function withButtonId(payload: Payload, id: string): Payload {
	const copy = JSON.parse(JSON.stringify(payload)) as Payload;
	copy.entry[0].changes[0].value.messages[0].interactive.button_reply.id = id;
	return copy;
}

export async function trigger(
	payload: unknown,
	options: Record<string, unknown> = {},
	events: CallbackEventName[] = CALLBACK_EVENT_NAMES,
	webhookBaseUrl = world.route.webhookBaseUrl,
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
			webhookWaitingBaseUrl: world.route.waitingBaseUrl,
		},
	});
}

export const running = () => ({
	status: 409,
	body: { code: 409, message: `The execution "${EXECUTION_ID}" is running already.` },
});

/** What the trigger emits for a tap on "No thanks" that resumed nothing. */
export const replyWithUserId = (id: string) =>
	expect.objectContaining({
		event: 'reply',
		phoneNumber: '+15550001111',
		reply: expect.objectContaining({ type: 'button', id, title: 'No thanks' }),
	});

/** `count` different well-formed references to the same wait (signatures n8n will refuse). */
export function forgedReferences(original: string, count: number): string[] {
	const parsed = parseWaitReference(original);
	if (!parsed.valid) throw new Error(parsed.problem);
	const [prefix, executionId, run, node] = original.split('.');
	return Array.from({ length: count }, (_, index) => {
		const signature = Buffer.alloc(32, index + 1).toString('base64url');
		return [prefix, executionId, run, node, signature, `forged_${index}`].join('.');
	});
}
