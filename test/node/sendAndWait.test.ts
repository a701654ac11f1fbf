/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sandbox keys */
/**
 * Send Quick Reply and Wait for Tap in n8n-core's engine against the sandbox: what it sends, how
 * it waits and what it refuses. Its waiting webhook: sendAndWaitWebhook.test.ts.
 */
import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { resumeRequestUrl } from '../../nodes/shared/waitReference';
import {
	buttonsOf,
	CONTACTS,
	referenceOf,
	sendAndWaitFixture,
	WAITING_BASE,
} from '../support/sendAndWaitFixture';
import { EXECUTION_ID, n8nAcceptsSignature, WAITING_NODE_ID } from '../support/waitEngine';

const UNKNOWN_KEY = 'INS.unknown-key-0000';

const { sandbox: currentSandbox, sendAndWait, sendQuickReply } = sendAndWaitFixture();

describe('sending and waiting', () => {
	test('sends one quick reply, for the first item, and waits without a time limit', async () => {
		const result = await sendAndWait();
		expect(result.error).toBeUndefined();
		expect(currentSandbox().messages.map((m) => [m.endpoint, m.phoneNumber])).toEqual([
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
		const references = buttonsOf(currentSandbox().messages[0].message).map((b) =>
			referenceOf(b.reply.id),
		);
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
		const [theirs, ours] = currentSandbox().messages.map((m) => m.message);
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
		expect(currentSandbox().messages.map((m) => [m.callback, m.from])).toEqual([
			[callbackUrl, '+15550783881'],
		]);
	});

	test('only the first item is read: a bad second item sends and waits all the same', async () => {
		const result = await sendAndWait({}, [CONTACTS[0], { phone: 'not a number' }]);
		expect(result.error).toBeUndefined();
		expect(currentSandbox().messages).toHaveLength(1);
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
		expect(currentSandbox().messages).toHaveLength(0);
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
		expect(currentSandbox().messages).toHaveLength(0);
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
		expect(currentSandbox().messages).toHaveLength(0);
	});

	test('Send Quick Reply refuses a button id with the reserved prefix', async () => {
		const result = await sendQuickReply({
			buttons: { button: [{ id: 'n8nw1u.1.abc.yes', title: 'Yes' }] },
		});
		expect(result.error?.message).toBe(
			'Item 0, Button 1 ID: "n8nw1u.1.abc.yes" must not start with "n8nw1": that prefix marks the button ids of Send Quick Reply and Wait for Tap, which the Insider WhatsApp Trigger uses to resume a waiting execution',
		);
		expect(currentSandbox().messages).toHaveLength(0);
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
