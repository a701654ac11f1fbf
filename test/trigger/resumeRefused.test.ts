/**
 * The trigger's Resume Waiting Executions in n8n-core's engine (see resumeWorld.ts): the taps it
 * must not resume with, which come out as ordinary reply events.
 */
import { CALLBACK_EVENT_NAMES } from '../../nodes/shared/callbackEvent';
import type { RouteScript } from '../support/waitEngine';
import { EXECUTION_ID, runSendAndWait, WAITING_NODE_ID } from '../support/waitEngine';
import { quickReplyParameters, TEST_KEY } from '../support/sandbox';
import {
	RECIPIENT,
	forgedReferences,
	replyWithUserId,
	sendAndWait,
	tap,
	trigger,
	useResumeWorld,
	withButtonId,
	world,
} from './resumeWorld';
import type { Payload } from './resumeWorld';

jest.setTimeout(60_000);

useResumeWorld();

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
		world.script = answer;
		let payload = await tap(no);
		if (name.startsWith('n8n refuses'))
			payload = withButtonId(payload, forgedReferences(no, 1)[0].replace('forged_0', 'updates_no'));
		const result = await trigger(payload);
		expect(world.route.requests).toHaveLength(1);
		expect(world.route.resumed).toHaveLength(0);
		expect(result.items?.map((item) => item.json)).toEqual([replyWithUserId('updates_no')]);
		expect(result.webhookResponse).toEqual({ received: true, events: 1 });
	});
});

test('a damaged reference calls nothing and comes out with the id derived from the title', async () => {
	const [, no] = await sendAndWait();
	const damaged = no.replace(/^(n8nw1\.\d+\.\d+\.)[A-Za-z0-9_-]{22}/, '$1not-a-node-id');
	const result = await trigger(withButtonId(await tap(no), damaged));
	expect(world.route.requests).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([replyWithUserId('no_thanks')]);
});

test("with Resume Waiting Executions off, nothing is called and the tap is a reply with the user's id", async () => {
	const [, no] = await sendAndWait();
	const result = await trigger(await tap(no), { resumeWaitingExecutions: false });
	expect(world.route.requests).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([replyWithUserId('updates_no')]);
});

test('an ordinary quick-reply tap is emitted as it came, without any request', async () => {
	await runSendAndWait({
		parameters: quickReplyParameters(),
		items: [{ phone: RECIPIENT }],
		credentials: { apiKey: TEST_KEY, baseUrl: world.sandbox.url },
		waitingBaseUrl: world.route.waitingBaseUrl,
	});
	const result = await trigger(await tap('updates_no'));
	expect(world.route.requests).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([replyWithUserId('updates_no')]);
});

test('a payload naming other addresses makes the trigger call only its own n8n', async () => {
	const [, no] = await sendAndWait();
	const foreign = `${world.elsewhere.url}/webhook-waiting/${EXECUTION_ID}/${WAITING_NODE_ID}`;
	const fields = no.split('.').slice(0, 5).join('.');
	const payload = {
		...withButtonId(await tap(no), `${fields}.${foreign}`),
		resumeUrl: foreign,
		callback: foreign,
		webhookUrl: foreign,
	};
	const invalid = withButtonId(payload as Payload, `n8nw1.${foreign}`);
	const result = await trigger([payload, invalid]);
	expect(world.elsewhere.received).toHaveLength(0);
	expect(world.route.requests.map((r) => r.url.split('?')[0])).toEqual([
		`/webhook-waiting/${EXECUTION_ID}/${WAITING_NODE_ID}`,
	]);
	expect(world.route.resumed).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([
		replyWithUserId(foreign),
		replyWithUserId('no_thanks'),
	]);
});

test("no request when n8n's waiting URL and the trigger's own URL are on different hosts", async () => {
	const [, no] = await sendAndWait();
	const result = await trigger(
		await tap(no),
		{},
		CALLBACK_EVENT_NAMES,
		`${world.elsewhere.url}/webhook`,
	);
	expect(world.route.requests).toHaveLength(0);
	expect(world.elsewhere.received).toHaveLength(0);
	expect(result.items?.map((item) => item.json)).toEqual([replyWithUserId('updates_no')]);
});

describe('Events without Reply', () => {
	test('a tap still resumes its execution', async () => {
		const [, no] = await sendAndWait();
		const result = await trigger(await tap(no), {}, ['delivered']);
		expect(world.route.resumed).toHaveLength(1);
		expect(result.items).toBeUndefined();
	});

	test('a tap that resumes nothing is filtered out like any reply', async () => {
		const [, no] = await sendAndWait();
		world.script = () => ({ status: 404, body: { code: 404, message: 'gone' } });
		const result = await trigger(await tap(no), {}, ['delivered']);
		expect(world.route.requests).toHaveLength(1);
		expect(result.items).toBeUndefined();
		expect(result.webhookResponse).toEqual({ received: true, events: 0 });
	});
});
