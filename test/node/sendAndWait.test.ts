/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sandbox keys */
/**
 * Send Quick Reply and Wait for Tap in n8n-core's engine against the sandbox: what it sends, how
 * it waits, what it refuses, and what its waiting webhook makes of a forwarded tap.
 */
import { ExecuteContext } from 'n8n-core';
import { WAIT_INDEFINITELY } from 'n8n-workflow';

import type { WaitReference } from '../../nodes/shared/waitReference';
import {
	parseWaitReference,
	RESUME_ACKNOWLEDGEMENT,
	resumeRequestUrl,
} from '../../nodes/shared/waitReference';
import type { InsiderSandbox } from '../../sandbox/server';
import { runInsiderWhatsApp } from '../support/engine';
import { quickReplyParameters, startTestSandbox, TEST_KEY } from '../support/sandbox';
import {
	callWaitingNodeWebhook,
	EXECUTION_ID,
	n8nAcceptsSignature,
	runSendAndWait,
	WAITING_NODE_ID,
} from '../support/waitEngine';

const WAITING_BASE = 'http://127.0.0.1:5678/webhook-waiting';
const UNKNOWN_KEY = 'INS.unknown-key-0000';
const CONTACTS = [
	{ phone: '+15550001111', name: 'Ada' },
	{ phone: '+15550002222', name: 'Linus' },
];

let sandbox: InsiderSandbox;
beforeAll(async () => (sandbox = await startTestSandbox({ rateLimitPerSecond: 0 })));
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

const waitParameters = (overrides: Record<string, unknown> = {}) =>
	quickReplyParameters({
		operation: 'sendAndWait',
		headerType: 'text',
		headerText: 'Your order has shipped',
		bodyText: '=Hi {{ $json.name }}, would you like delivery updates?',
		footerText: 'Reply STOP to opt out',
		...overrides,
	});

const sendAndWait = (
	overrides: Record<string, unknown> = {},
	items: object[] = CONTACTS,
	apiKey = TEST_KEY,
) =>
	runSendAndWait({
		parameters: waitParameters(overrides),
		items: items as never,
		credentials: { apiKey, baseUrl: sandbox.url },
		waitingBaseUrl: WAITING_BASE,
	});

const sendQuickReply = (overrides: Record<string, unknown> = {}, apiKey = TEST_KEY) =>
	runInsiderWhatsApp({
		parameters: { ...waitParameters(overrides), operation: 'sendQuickReply' },
		items: [CONTACTS[0]],
		credentials: { apiKey, baseUrl: sandbox.url },
	});

type Buttons = Array<{ type: string; reply: { id: string; title: string } }>;
const buttonsOf = (message: Record<string, unknown>) =>
	(message.interactive as { action: { buttons: Buttons } }).action.buttons;

function referenceOf(id: string): WaitReference {
	const parsed = parseWaitReference(id);
	if (!parsed.valid) throw new Error(`not a valid reference: ${parsed.problem}`);
	return parsed.reference;
}

describe('sending and waiting', () => {
	test('sends one quick reply, for the first item, and waits without a time limit', async () => {
		const result = await sendAndWait();
		expect(result.error).toBeUndefined();
		expect(sandbox.messages.map((m) => [m.endpoint, m.phoneNumber])).toEqual([
			['/v1/conversational/send', '+15550001111'],
		]);
		expect(result.statuses).toContain('waiting');
		expect(result.run.waitTill).toEqual(WAIT_INDEFINITELY);
		// n8n 1.x checks the resume signature only when the node asks for it.
		expect(result.run.data.validateSignature).toBe(true);
		expect(result.items).toEqual([
			{ json: CONTACTS[0], pairedItem: { item: 0 } },
			{ json: CONTACTS[1], pairedItem: { item: 1 } },
		]);
	});

	test("each button id is a reference to this execution, node and run, with the user's id; n8n's signature covers them and the recipient", async () => {
		await sendAndWait();
		const references = buttonsOf(sandbox.messages[0].message).map((b) => referenceOf(b.reply.id));
		expect(
			references.map(({ executionId, nodeId, run, userButtonId }) => ({
				executionId,
				nodeId,
				run,
				userButtonId,
			})),
		).toEqual([
			{ executionId: EXECUTION_ID, nodeId: WAITING_NODE_ID, run: '0', userButtonId: 'updates_yes' },
			{ executionId: EXECUTION_ID, nodeId: WAITING_NODE_ID, run: '0', userButtonId: 'updates_no' },
		]);
		const recipient = CONTACTS[0].phone;
		for (const reference of references) {
			expect(n8nAcceptsSignature(resumeRequestUrl(WAITING_BASE, reference, recipient))).toBe(true);
			// The signature covers the answer, the recipient and the run.
			for (const forged of [
				resumeRequestUrl(WAITING_BASE, { ...reference, userButtonId: 'updates_maybe' }, recipient),
				resumeRequestUrl(WAITING_BASE, reference, CONTACTS[1].phone),
				resumeRequestUrl(WAITING_BASE, { ...reference, run: '1' }, recipient),
			]) {
				expect(n8nAcceptsSignature(forged)).toBe(false);
			}
		}
	});

	test("the message is Send Quick Reply's message with only the button ids replaced", async () => {
		await sendQuickReply();
		await sendAndWait({}, [CONTACTS[0]]);
		const [theirs, ours] = sandbox.messages.map((m) => m.message);
		const restored = JSON.parse(JSON.stringify(ours)) as Record<string, unknown>;
		for (const button of buttonsOf(restored))
			button.reply.id = referenceOf(button.reply.id).userButtonId;
		expect(restored).toEqual(theirs);
		expect(buttonsOf(ours).map((b) => b.reply.id)).not.toEqual(
			buttonsOf(theirs).map((b) => b.reply.id),
		);
	});

	test('Status Callback URL and Sender Number go into the request as in Send Quick Reply', async () => {
		const callbackUrl = 'https://n8n.example.com/webhook/status/webhook?token=abc';
		const result = await sendAndWait({ options: { callbackUrl, from: '+1 555 078 3881' } });
		expect(result.error).toBeUndefined();
		expect(sandbox.messages.map((m) => [m.callback, m.from])).toEqual([
			[callbackUrl, '+15550783881'],
		]);
	});

	test('only the first item is read: a bad second item sends and waits all the same', async () => {
		const result = await sendAndWait({}, [CONTACTS[0], { phone: 'not a number' }]);
		expect(result.error).toBeUndefined();
		expect(sandbox.messages).toHaveLength(1);
	});
});

describe('Limit Wait Time, as in n8n', () => {
	const limit = (values: Record<string, unknown>) => ({ options: { limitWaitTime: { values } } });

	test('after an interval: now plus the amount in the unit', async () => {
		const before = Date.now();
		const result = await sendAndWait(
			limit({ limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' }),
		);
		const after = Date.now();
		const waitTill = (result.run.waitTill as Date).getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
		expect(waitTill).toBeLessThanOrEqual(after + 2 * 3_600_000);
	});

	test('a fraction of a minute is seconds', async () => {
		const before = Date.now();
		const result = await sendAndWait(
			limit({ limitType: 'afterTimeInterval', resumeAmount: 0.05, resumeUnit: 'minutes' }),
		);
		const waitTill = (result.run.waitTill as Date).getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 3000);
		expect(waitTill).toBeLessThanOrEqual(Date.now() + 3000);
	});

	test('at a date and time: exactly then', async () => {
		const result = await sendAndWait(
			limit({ limitType: 'atSpecifiedTime', maxDateAndTime: '2030-01-02T03:04:05.000Z' }),
		);
		expect(result.run.waitTill).toEqual(new Date('2030-01-02T03:04:05.000Z'));
	});

	test('a date that is none is refused before sending', async () => {
		const result = await sendAndWait(
			limit({ limitType: 'atSpecifiedTime', maxDateAndTime: 'next tuesday-ish' }),
		);
		expect(result.error?.message).toBe('Could not configure Limit Wait Time');
		expect(result.error?.description).toMatch(/"next tuesday-ish" is not a date and time/);
		expect(sandbox.messages).toHaveLength(0);
		expect(result.statuses).not.toContain('waiting');
	});
});

describe('refused before anything is sent, as Send Quick Reply refuses it', () => {
	const fourButtons = {
		buttons: {
			button: ['One', 'Two', 'Three', 'Four'].map((title) => ({ title, id: '' })),
		},
	};
	test.each([
		['four buttons', fourButtons],
		['a bad phone number', { phoneNumber: '5321234567' }],
		['a title too long', { buttons: { button: [{ id: 'a', title: 'x'.repeat(21) }] } }],
		['a reserved button id', { buttons: { button: [{ id: 'n8nw1.4711.x', title: 'Yes' }] } }],
		['a Status Callback URL that is none', { options: { callbackUrl: 'n8n webhook' } }],
	])('%s', async (_case, overrides) => {
		const theirs = await sendQuickReply(overrides);
		const ours = await sendAndWait(overrides);
		expect(theirs.error?.message).toMatch(/^Item 0, /);
		expect(ours.error?.message).toBe(theirs.error?.message);
		expect(sandbox.messages).toHaveLength(0);
		expect(ours.statuses).not.toContain('waiting');
	});

	test('a button id longer than a reference can carry names the button and the limit', async () => {
		const id = 'x'.repeat(129);
		const result = await sendAndWait({
			buttons: {
				button: [
					{ id: 'ok', title: 'OK' },
					{ id, title: 'Later' },
				],
			},
		});
		expect(result.error?.message).toBe(
			`Item 0, Button 2 ID: "${id}" 129 characters long; in Send and Wait the limit is 128 characters, because the rest of WhatsApp's 256 carries the reference to the waiting execution`,
		);
		expect(sandbox.messages).toHaveLength(0);
	});

	test('Send Quick Reply refuses a button id with the reserved prefix', async () => {
		const result = await sendQuickReply({
			buttons: { button: [{ id: 'n8nw1u.1.abc.yes', title: 'Yes' }] },
		});
		expect(result.error?.message).toBe(
			'Item 0, Button 1 ID: "n8nw1u.1.abc.yes" must not start with "n8nw1": that prefix marks the button ids of Send Quick Reply and Wait for Tap, which the Insider WhatsApp Trigger uses to resume a waiting execution',
		);
		expect(sandbox.messages).toHaveLength(0);
	});
});

test("Insider's refusal is Send Quick Reply's error, and nothing waits", async () => {
	const theirs = await sendQuickReply({}, UNKNOWN_KEY);
	const ours = await sendAndWait({}, CONTACTS, UNKNOWN_KEY);
	expect(ours.error?.message).toBe('Insider rejected the API key (401 unauthorized)');
	expect(ours.error?.message).toBe(theirs.error?.message);
	expect(ours.error?.description).toBe(theirs.error?.description);
	expect(ours.error?.httpCode).toBe('401');
	expect(ours.run.waitTill).toBeUndefined();
	expect(ours.statuses).not.toContain('waiting');
});

describe("the node's waiting webhook", () => {
	const tap = { key: 'whatsapp-key-1', respondedAt: '2026-11-26T10:00:00.000Z' };
	const recipient = CONTACTS[0].phone;
	const asked = { parameters: waitParameters(), input: CONTACTS[0], run: 0 };
	const resumeUrl = async (button: number, from = recipient) => {
		await sendAndWait();
		const id = buttonsOf(sandbox.messages[0].message)[button].reply.id;
		return resumeRequestUrl(WAITING_BASE, referenceOf(id), from);
	};

	test("a tap from the recipient is the one output item, with the user's button id and the node's own title", async () => {
		const answer = await callWaitingNodeWebhook(await resumeUrl(1), tap, asked);
		expect(answer.items).toEqual([
			{
				json: {
					reply: { id: 'updates_no', title: 'No thanks' },
					phoneNumber: recipient,
					key: 'whatsapp-key-1',
					respondedAt: '2026-11-26T10:00:00.000Z',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(answer.webhookResponse).toEqual(RESUME_ACKNOWLEDGEMENT);
	});

	test('what the body says about the title or the number is not taken', async () => {
		const forged = { ...tap, title: 'Yes please', phoneNumber: '+15550009999' };
		const answer = await callWaitingNodeWebhook(await resumeUrl(1), forged, asked);
		expect(answer.items?.[0].json).toMatchObject({
			reply: { id: 'updates_no', title: 'No thanks' },
			phoneNumber: recipient,
		});
	});

	test.each([
		[
			'no button id',
			async () => `${WAITING_BASE}/${EXECUTION_ID}/${WAITING_NODE_ID}?signature=ab`,
			tap,
			asked,
		],
		['no body', () => resumeUrl(0), undefined, asked],
		['a body without the tap time', () => resumeUrl(0), { ...tap, respondedAt: undefined }, asked],
		['a body that is text', () => resumeUrl(0), 'button=updates_yes', asked],
		['a tap from another number', () => resumeUrl(0, CONTACTS[1].phone), tap, asked],
		// A loop asks its next approver: the same node waits again, for another number, in run 1.
		[
			"a tap on an earlier run's message",
			() => resumeUrl(0),
			tap,
			{ ...asked, input: CONTACTS[1], run: 1 },
		],
		[
			"a tap for the same number on an earlier run's message",
			() => resumeUrl(0),
			tap,
			{ ...asked, run: 1 },
		],
		[
			'a button this wait does not have',
			() => resumeUrl(0),
			tap,
			{
				...asked,
				parameters: waitParameters({ buttons: { button: [{ id: 'other', title: 'Other' }] } }),
			},
		],
	])('%s: no output, the execution keeps waiting', async (_case, url, body, wait) => {
		const answer = await callWaitingNodeWebhook(await url(), body, wait);
		expect(answer.items).toBeUndefined();
		expect(answer.webhookResponse).toEqual({ resumed: false });
	});
});

describe('an n8n that cannot check what Send and Wait signs', () => {
	/** Runs `run` in an n8n-core whose execute contexts lack the method, as older n8n lacked it. */
	const withoutMethod = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
		let prototype = ExecuteContext.prototype as unknown as Record<string, unknown>;
		while (!Object.prototype.hasOwnProperty.call(prototype, name)) {
			prototype = Object.getPrototypeOf(prototype) as Record<string, unknown>;
		}
		const original = prototype[name];
		delete prototype[name];
		try {
			return await run();
		} finally {
			prototype[name] = original;
		}
	};

	test.each([
		['signed resume URLs (before 1.107)', 'getSignedResumeUrl', 'signed resume URLs'],
		[
			'the opt-in check, and no resume token (1.x without it)',
			'setSignatureValidationRequired',
			'signature check on its waiting webhooks',
		],
	])(
		'without %s: refused before sending, naming the minimum version',
		async (_case, method, missing) => {
			const result = await withoutMethod(method, () => sendAndWait());
			expect(result.error?.message).toBe(
				`Send Quick Reply and Wait for Tap needs n8n 1.107.0 or later: this n8n has no ${missing}`,
			);
			expect(sandbox.messages).toHaveLength(0);
			expect(result.statuses).not.toContain('waiting');
		},
	);
});
