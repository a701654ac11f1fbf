/**
 * Send Quick Reply and Wait for Tap's waiting webhook in n8n-core's engine: what it makes of a
 * forwarded tap, and the n8n versions it refuses to wait on.
 */
import { ExecuteContext } from 'n8n-core';

import { RESUME_ACKNOWLEDGEMENT, resumeRequestUrl } from '../../nodes/shared/waitReference';
import {
	buttonsOf,
	CONTACTS,
	referenceOf,
	sendAndWaitFixture,
	WAITING_BASE,
	waitParameters,
} from '../support/sendAndWaitFixture';
import { callWaitingNodeWebhook, EXECUTION_ID, WAITING_NODE_ID } from '../support/waitEngine';

const { sandbox: currentSandbox, sendAndWait } = sendAndWaitFixture();

describe("the node's waiting webhook", () => {
	const tap = { key: 'whatsapp-key-1', respondedAt: '2026-11-26T10:00:00.000Z' };
	const recipient = CONTACTS[0].phone;
	const asked = { parameters: waitParameters(), input: CONTACTS[0], run: 0 };
	const resumeUrl = async (button: number, from = recipient) => {
		await sendAndWait();
		const id = buttonsOf(currentSandbox().messages[0].message)[button].reply.id;
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
			expect(currentSandbox().messages).toHaveLength(0);
			expect(result.statuses).not.toContain('waiting');
		},
	);
});
