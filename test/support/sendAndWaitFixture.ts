/**
 * What the Send and Wait engine tests share: two contacts, the node's parameters, and runs of
 * Send and Wait and Send Quick Reply against one sandbox per test file.
 */
import type { WaitReference } from '../../nodes/shared/waitReference';
import { parseWaitReference } from '../../nodes/shared/waitReference';
import type { InsiderSandbox } from '../../sandbox/server';
import { runInsiderWhatsApp } from './engine';
import { quickReplyParameters, startTestSandbox, TEST_KEY } from './sandbox';
import { runSendAndWait } from './waitEngine';

export const WAITING_BASE = 'http://127.0.0.1:5678/webhook-waiting';

export const CONTACTS = [
	{ phone: '+15550001111', name: 'Ada' },
	{ phone: '+15550002222', name: 'Linus' },
];

export const waitParameters = (overrides: Record<string, unknown> = {}) =>
	quickReplyParameters({
		operation: 'sendAndWait',
		headerType: 'text',
		headerText: 'Your order has shipped',
		bodyText: '=Hi {{ $json.name }}, would you like delivery updates?',
		footerText: 'Reply STOP to opt out',
		...overrides,
	});

type Buttons = Array<{ type: string; reply: { id: string; title: string } }>;
export const buttonsOf = (message: Record<string, unknown>) =>
	(message.interactive as { action: { buttons: Buttons } }).action.buttons;

export function referenceOf(id: string): WaitReference {
	const parsed = parseWaitReference(id);
	if (!parsed.valid) throw new Error(`not a valid reference: ${parsed.problem}`);
	return parsed.reference;
}

/**
 * Starts a sandbox for this test file (reset before each test) and returns the runs bound to it;
 * call at the top level of a test file.
 */
export function sendAndWaitFixture() {
	let sandbox: InsiderSandbox;
	beforeAll(async () => (sandbox = await startTestSandbox({ rateLimitPerSecond: 0 })));
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	return {
		sandbox: () => sandbox,
		sendAndWait: (
			overrides: Record<string, unknown> = {},
			items: object[] = CONTACTS,
			apiKey = TEST_KEY,
		) =>
			runSendAndWait({
				parameters: waitParameters(overrides),
				items: items as never,
				credentials: { apiKey, baseUrl: sandbox.url },
				waitingBaseUrl: WAITING_BASE,
			}),
		sendQuickReply: (overrides: Record<string, unknown> = {}, apiKey = TEST_KEY) =>
			runInsiderWhatsApp({
				parameters: { ...waitParameters(overrides), operation: 'sendQuickReply' },
				items: [CONTACTS[0]],
				credentials: { apiKey, baseUrl: sandbox.url },
			}),
	};
}
