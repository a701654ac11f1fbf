/**
 * The trigger's Resume Waiting Executions in n8n-core's engine (see resumeWorld.ts): a tap that
 * resumes its execution, and the bounds on what one request may resume.
 */
import { CALLBACK_EVENT_NAMES } from '../../nodes/shared/callbackEvent';
import { RESUME_LIMITS } from '../../nodes/InsiderWhatsAppTrigger/resumeWaiting';
import { parseWaitReference } from '../../nodes/shared/waitReference';
import { EXECUTION_ID, WAITING_NODE_ID } from '../support/waitEngine';
import {
	forgedReferences,
	replyWithUserId,
	running,
	sendAndWait,
	tap,
	trigger,
	useResumeWorld,
	withButtonId,
	world,
} from './resumeWorld';

jest.setTimeout(60_000);

useResumeWorld();

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
	expect(world.route.requests).toEqual([
		{
			method: 'POST',
			url: `/webhook-waiting/${EXECUTION_ID}/${WAITING_NODE_ID}?button=updates_no&phone=%2B15550001111&run=0&signature=${signature}`,
			body: { key: world.sandbox.messages[0].key, respondedAt },
		},
	]);
	expect(world.route.resumed).toEqual([
		[
			{
				json: {
					reply: { id: 'updates_no', title: 'No thanks' },
					phoneNumber: '+15550001111',
					key: world.sandbox.messages[0].key,
					respondedAt,
				},
				pairedItem: { item: 0 },
			},
		],
	]);
});

test('a tap that meets its execution still running is tried again until it resumes', async () => {
	const [, no] = await sendAndWait();
	world.script = (_request, index) => (index < 2 ? running() : undefined);
	const result = await trigger(await tap(no));
	expect(world.route.requests).toHaveLength(3);
	expect(world.route.resumed).toHaveLength(1);
	expect(result.items).toBeUndefined();
});

test('one request tries at most ten taps; the others come out as replies, none lost', async () => {
	const [, no] = await sendAndWait();
	const tapPayload = await tap(no);
	const forged = forgedReferences(no, 1000);
	const result = await trigger(forged.map((id) => withButtonId(tapPayload, id)));
	expect(world.route.requests).toHaveLength(RESUME_LIMITS.tapsPerRequest);
	expect(result.items).toHaveLength(1000);
	expect(result.items?.map((item) => (item.json.reply as { id: string }).id)).toEqual(
		forged.map((_, index) => `forged_${index}`),
	);
});

test('taps of one request share one time budget, however many name a running execution', async () => {
	const [, no] = await sendAndWait();
	world.script = running;
	const tapPayload = await tap(no);
	const result = await trigger(forgedReferences(no, 50).map((id) => withButtonId(tapPayload, id)));
	const mostTries =
		RESUME_LIMITS.tapsPerRequest +
		RESUME_LIMITS.requestBudgetMs / RESUME_LIMITS.runningRetryDelayMs;
	expect(world.route.requests.length).toBeGreaterThan(RESUME_LIMITS.tapsPerRequest);
	expect(world.route.requests.length).toBeLessThanOrEqual(mostTries);
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
		world.route.webhookBaseUrl,
		'none',
	);
	expect(world.route.requests).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([replyWithUserId('updates_no')]);
});

test('a tap from another number than the recipient resumes nothing', async () => {
	const [, no] = await sendAndWait();
	const payload = await tap(no);
	payload.entry[0].changes[0].value.messages[0].from = '15550002222';
	const result = await trigger(payload);
	expect(world.route.requests).toHaveLength(1);
	expect(world.route.resumed).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([
		expect.objectContaining({
			phoneNumber: '+15550002222',
			reply: expect.objectContaining({ id: 'updates_no' }),
		}),
	]);
});

test('neither the reference nor the raw message of an emitted tap holds the reference', async () => {
	const [, no] = await sendAndWait();
	world.script = () => ({ status: 404, body: { code: 404, message: 'gone' } });
	const result = await trigger(await tap(no));
	expect(JSON.stringify(result.items)).not.toContain('n8nw1');
	expect(result.items?.[0].json.raw).toMatchObject({
		interactive: { button_reply: { id: 'updates_no', title: 'No thanks' } },
	});
});
