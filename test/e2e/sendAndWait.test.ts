/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Send Quick Reply and Wait for Tap in a real n8n, on both supported lines: the contact's tap
 * (the sandbox posting to the conversational webhook) reaches the Insider WhatsApp Trigger,
 * which resumes the very execution that sent the message; a tap that can resume nothing comes
 * out of the trigger as a reply; a time limit resumes without a tap. What a tap may not do
 * (tampering, forged numbers, stale buttons) is in sendAndWaitTrust.test.ts.
 */
import { client, waitFor } from '../support/http';
import { BOTH_N8N_LINES } from '../../dev/n8n/n8nInstall';
import type { Asked } from './harness/sendAndWaitDeployment';
import { SendAndWaitDeployment, TRIGGER_WORKFLOW } from './harness/sendAndWaitDeployment';
import { askWorkflow } from './harness/sendAndWaitWorkflows';

describe.each(BOTH_N8N_LINES)('%s', (label, spec) => {
	const at = new SendAndWaitDeployment();
	let timeLimited: Asked;
	let timeLimitedAt: number;

	beforeAll(async () => {
		await at.start(spec, (recorderUrl) => [
			askWorkflow({
				id: 'e2eAsk',
				path: 'ask',
				askNodeId: '6f1c2a8e-3b7d-4e59-9a0c-1d2e3f405162',
				recorderUrl,
			}),
			askWorkflow({
				id: 'e2eAskLimited',
				path: 'ask-limited',
				askNodeId: 'c0ffee00-1234-4abc-8def-0123456789ab',
				recorderUrl,
				// 0.05 minutes: three seconds.
				limitWaitTime: {
					limitType: 'afterTimeInterval',
					resumeAmount: 0.05,
					resumeUnit: 'minutes',
				},
			}),
		]);
		// Started first: n8n's wait tracker looks for due executions only once a minute.
		timeLimitedAt = Date.now();
		timeLimited = await at.ask('ask-limited', { phone: '+15550009001', name: 'Tim' });
	});

	afterAll(async () => await at.stop());

	let ada: Asked;

	test('a tap on the second button resumes the same execution, which takes the Switch\'s "no" branch', async () => {
		ada = await at.ask('ask', { phone: '+15550001111', name: 'Ada' });
		const triggerRuns = await at.n8n.executionCount(TRIGGER_WORKFLOW);
		await at.tap(ada, ada.buttonIds[1]);
		const taken = await at.branchTaken(ada);
		expect(taken).toMatchObject({ source: 'e2eAsk', branch: 'no', name: 'Ada' });
		expect(taken.item).toEqual({
			reply: { id: 'no', title: 'No' },
			phoneNumber: '+15550001111',
			key: ada.key,
			respondedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
		});
		await at.waitForStatus(ada.executionId, 'success');
		// The tap started no execution of the trigger's workflow.
		expect(await at.n8n.executionCount(TRIGGER_WORKFLOW)).toBe(triggerRuns);
		expect(at.triggerReplies('+15550001111')).toEqual([]);
	});

	test('two executions waiting at once: each tap resumes its own', async () => {
		const linus = await at.ask('ask', { phone: '+15550002222', name: 'Linus' });
		const grace = await at.ask('ask', { phone: '+15550003333', name: 'Grace' });
		expect(linus.executionId).not.toBe(grace.executionId);
		await at.tap(grace, grace.buttonIds[2]);
		await at.tap(linus, linus.buttonIds[0]);
		const [forGrace, forLinus] = [await at.branchTaken(grace), await at.branchTaken(linus)];
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
		expect(at.triggerReplies('+15550002222')).toEqual([]);
		expect(at.triggerReplies('+15550003333')).toEqual([]);
	});

	test('a tap that arrives while the sending execution is still running is retried until it resumes it', async () => {
		const phone = '+15550006666';
		// Insider's answer is held back: the message is out, the node is still sending.
		at.insider.holdNextAnswer(2000);
		const response = await client.post(`${at.n8n.url}/webhook/ask`, { phone, name: 'Quinn' });
		expect(response.status).toBe(200);
		const quinn = await at.messageTo(phone);
		expect(await at.statusOf(quinn.executionId)).toBe('running');
		await at.tap(quinn, quinn.buttonIds[1]);
		expect((await at.branchTaken(quinn)).branch).toBe('no');
		expect(at.triggerReplies(phone)).toEqual([]);
		// n8n did answer "running already" first: the tap was tried again.
		expect(at.n8n.log()).toContain(`The execution "${quinn.executionId}" is running already.`);
	});

	test('a tap after the execution resumed resumes nothing and comes out of the trigger as a reply', async () => {
		await at.tap(ada, ada.buttonIds[0]);
		await waitFor(() => at.triggerReplies('+15550001111').length > 0, 60_000, 'the reply');
		expect(at.triggerReplies('+15550001111')).toEqual([
			expect.objectContaining({
				event: 'reply',
				key: ada.key,
				reply: expect.objectContaining({ type: 'button', id: 'yes', title: 'Yes' }),
			}),
		]);
		expect(at.fromExecution(ada.executionId)).toHaveLength(1);
		expect(await at.statusOf(ada.executionId)).toBe('success');
	});

	test('with a time limit and no tap, the execution resumes without reply and takes the fallback branch', async () => {
		await waitFor(
			() => at.fromExecution(timeLimited.executionId).length > 0,
			180_000,
			'the time limit',
		);
		const [taken] = at.fromExecution(timeLimited.executionId);
		const arrivedAt = at.recorder.received.find((r) => r.body === taken)?.at ?? Date.now();
		process.stdout.write(
			`${label}: resumed by the time limit ${Math.round((arrivedAt - timeLimitedAt) / 1000)} s after the request (limit 3 s, n8n polls every 60 s)\n`,
		);
		expect(taken).toMatchObject({ source: 'e2eAskLimited', branch: 'noTap', name: 'Tim' });
		expect(taken.item.reply).toBeUndefined();
		expect(taken.item).toMatchObject({ body: { phone: '+15550009001', name: 'Tim' } });
		expect(await at.statusOf(timeLimited.executionId)).toBe('success');
		expect(at.elsewhere.received).toEqual([]);
	});
});
