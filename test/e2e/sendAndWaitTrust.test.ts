/**
 * What a tap on a Send and Wait button may not do, in a real n8n of both lines: a tampered
 * reference, a payload naming other addresses, a stale button in a loop that asks approvers one
 * by one, and a request posted straight to n8n's waiting route with another number. Each
 * resumes nothing it should not, and a refused tap still comes out of the trigger as a reply.
 */
import { parseWaitReference, resumeRequestUrl } from '../../nodes/shared/waitReference';
import { client, waitFor } from '../support/http';
import { BOTH_N8N_LINES } from '../../dev/n8n/n8nInstall';
import type { Asked } from './harness/sendAndWaitDeployment';
import { SendAndWaitDeployment, WEBHOOK_TOKEN } from './harness/sendAndWaitDeployment';
import { approversWorkflow, askWorkflow } from './harness/sendAndWaitWorkflows';

const ADA = { phone: '+15550001111', name: 'Ada' };
const BOB = { phone: '+15550002222', name: 'Bob' };

/** The reference with one character of its signature changed, as if someone edited the id. */
function tampered(buttonId: string): string {
	const parts = buttonId.split('.');
	parts[4] = `${parts[4][0] === 'A' ? 'B' : 'A'}${parts[4].slice(1)}`;
	return parts.join('.');
}

describe.each(BOTH_N8N_LINES)('%s', (_label, spec) => {
	const at = new SendAndWaitDeployment();

	beforeAll(async () => {
		await at.start(spec, (recorderUrl) => [
			askWorkflow({
				id: 'e2eAsk',
				path: 'ask',
				askNodeId: '6f1c2a8e-3b7d-4e59-9a0c-1d2e3f405162',
				recorderUrl,
			}),
			approversWorkflow({
				id: 'e2eApprovers',
				askNodeId: '0b5e7c3d-9a1f-4e2b-8c6d-4f3a2b1c0d9e',
				recorderUrl,
			}),
		]);
	});

	afterAll(async () => await at.stop());

	test('a tampered reference resumes nothing, comes out as a reply, and leaves the execution waiting', async () => {
		const mallory = await at.ask('ask', { phone: '+15550005555', name: 'Mallory' });
		const forged = tampered(mallory.buttonIds[0]);
		const message = at.sandbox.messages.find((m) => m.key === mallory.key);
		const buttons = (
			message?.message as { interactive: { action: { buttons: Array<{ reply: { id: string } }> } } }
		).interactive.action.buttons;
		buttons[0].reply.id = forged;
		await at.tap(mallory, forged);
		await waitFor(() => at.triggerReplies('+15550005555').length > 0, 60_000, 'the reply');
		expect(at.triggerReplies('+15550005555').map((item) => item.reply)).toEqual([
			expect.objectContaining({ id: 'yes', title: 'Yes' }),
		]);
		expect(JSON.stringify(at.triggerReplies('+15550005555'))).not.toContain('n8nw1');
		expect(await at.statusOf(mallory.executionId)).toBe('waiting');
		expect(at.fromExecution(mallory.executionId)).toEqual([]);
		// The genuine button still resumes it.
		await at.tap(mallory, mallory.buttonIds[1]);
		expect((await at.branchTaken(mallory)).branch).toBe('no');
	});

	test('a payload naming other addresses makes the trigger call nothing but its own n8n', async () => {
		const eve = await at.ask('ask', { phone: '+15550004444', name: 'Eve' });
		const signedPart = eve.buttonIds[0].split('.').slice(0, 5).join('.');
		const foreign = `${at.elsewhere.url}/webhook-waiting/${eve.executionId}/x`;
		const tapOf = (id: string, index: number) => ({
			from: '15550004444',
			id: `wamid.e2e-foreign-${index}`,
			timestamp: String(Math.floor(Date.now() / 1000)),
			type: 'interactive',
			interactive: { type: 'button_reply', button_reply: { id, title: 'Yes' } },
			context: { from: foreign, id: foreign },
		});
		const value = {
			messaging_product: 'whatsapp',
			metadata: { display_phone_number: foreign, phone_number_id: foreign },
			contacts: [{ profile: { name: foreign }, wa_id: '15550004444' }],
			messages: [tapOf(`${signedPart}.${foreign}`, 1), tapOf(`n8nw1.${foreign}`, 2)],
		};
		const payload = {
			object: 'whatsapp_business_account',
			entry: [{ id: foreign, changes: [{ field: 'messages', value }] }],
			key: foreign,
			resumeUrl: foreign,
			callback: foreign,
		};
		const response = await client.post(at.triggerUrl, payload, {
			headers: { Authorization: `Bearer ${WEBHOOK_TOKEN}` },
		});
		expect(response.status).toBe(200);
		expect(response.data).toEqual({ received: true, events: 2 });
		await waitFor(() => at.triggerReplies('+15550004444').length === 2, 60_000, 'both replies');
		expect(at.triggerReplies('+15550004444').map((item) => item.reply?.id)).toEqual([
			foreign,
			'yes',
		]);
		expect(await at.statusOf(eve.executionId)).toBe('waiting');
		await at.tap(eve, eve.buttonIds[2]);
		expect((await at.branchTaken(eve)).branch).toBe('later');
		expect(at.elsewhere.received).toEqual([]);
	});

	test('approvers asked one by one: an old button answers no later wait, for another approver or the same', async () => {
		const response = await client.post(`${at.n8n.url}/webhook/approvers`, {
			approvers: [
				{ ...ADA, request: 'R-1' },
				{ ...BOB, request: 'R-2' },
				{ ...ADA, request: 'R-3' },
			],
		});
		expect(response.status).toBe(200);
		const adaFirst = await at.messageTo(ADA.phone, 0);
		await at.waitForStatus(adaFirst.executionId, 'waiting');
		const recorded = () => at.fromExecution(adaFirst.executionId).map((f) => f.item);

		await at.tap(adaFirst, adaFirst.buttonIds[0]);
		const bob = await at.messageTo(BOB.phone, 0);
		expect(bob.executionId).toBe(adaFirst.executionId);
		await at.waitForStatus(bob.executionId, 'waiting');

		// Ada taps her old message while Bob is asked: it resumes nothing.
		await at.tap(adaFirst, adaFirst.buttonIds[1]);
		await waitFor(() => at.triggerReplies(ADA.phone).length === 1, 60_000, "Ada's stale tap");
		expect(at.triggerReplies(ADA.phone)[0].reply).toMatchObject({ id: 'no', title: 'No' });

		// Straight to n8n's waiting route, Bob's button with another number: refused by n8n.
		const parsed = parseWaitReference(bob.buttonIds[0]);
		if (!parsed.valid) throw new Error(parsed.problem);
		const forged = resumeRequestUrl(`${at.n8n.url}/webhook-waiting`, parsed.reference, ADA.phone);
		const direct = await client.post(forged, {
			key: 'forged',
			respondedAt: new Date().toISOString(),
		});
		expect(direct.status).toBe(401);
		expect(await at.statusOf(bob.executionId)).toBe('waiting');
		expect(recorded()).toHaveLength(1);

		await at.tap(bob, bob.buttonIds[2]);
		const adaAgain = await at.messageTo(ADA.phone, 1);
		await at.waitForStatus(adaAgain.executionId, 'waiting');

		// Ada's first message again, now that she is asked a second time: still nothing.
		await at.tap(adaFirst, adaFirst.buttonIds[0]);
		await waitFor(
			() => at.triggerReplies(ADA.phone).length === 2,
			60_000,
			"Ada's second stale tap",
		);
		expect(await at.statusOf(adaAgain.executionId)).toBe('waiting');

		await at.tap(adaAgain, adaAgain.buttonIds[1]);
		await at.waitForStatus(adaAgain.executionId, 'success');
		expect(recorded().map((item) => [item.phoneNumber, item.reply?.id, item.reply?.title])).toEqual(
			[
				[ADA.phone, 'yes', 'Yes'],
				[BOB.phone, 'later', 'Later'],
				[ADA.phone, 'no', 'No'],
			],
		);
	});

	test('a direct POST with the right signed URL but a forged body takes the title and number from the node', async () => {
		const zoe: Asked = await at.ask('ask', { phone: '+15550007777', name: 'Zoe' });
		const parsed = parseWaitReference(zoe.buttonIds[1]);
		if (!parsed.valid) throw new Error(parsed.problem);
		const url = resumeRequestUrl(`${at.n8n.url}/webhook-waiting`, parsed.reference, '+15550007777');
		const body = {
			key: 'whatsapp-forged',
			respondedAt: '2026-01-01T00:00:00.000Z',
			title: 'Yes',
			phoneNumber: '+19990000000',
		};
		expect((await client.post(url, body)).status).toBe(200);
		const taken = await at.branchTaken(zoe);
		expect(taken.branch).toBe('no');
		expect(taken.item).toMatchObject({
			reply: { id: 'no', title: 'No' },
			phoneNumber: '+15550007777',
		});
	});
});
