/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
import { setMaxListeners } from 'events';

import { batchesOf } from '../../../nodes/InsiderWhatsApp/actions/sendPipeline/batching';
import type { DispatchSettings } from '../../../nodes/InsiderWhatsApp/actions/sendPipeline/dispatcher';
import { dispatchBatches } from '../../../nodes/InsiderWhatsApp/actions/sendPipeline/dispatcher';
import type {
	Batch,
	PlannedMessage,
} from '../../../nodes/InsiderWhatsApp/actions/sendPipeline/sendModel';
import type { SendOutcome } from '../../../nodes/InsiderWhatsApp/transport/insiderClient';
import {
	classifyNetworkError,
	classifyResponse,
} from '../../../nodes/InsiderWhatsApp/transport/insiderClient';
import { RequestRateLimiter } from '../../../nodes/InsiderWhatsApp/transport/rateLimiter';
import { busiestSecond, fakeInsider, inFakeTime, seededRandom } from './fakeInsider';

beforeEach(() => {
	jest.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
	jest.spyOn(Math, 'random').mockImplementation(seededRandom());
});
afterEach(() => {
	jest.useRealTimers();
	jest.restoreAllMocks();
});

const messages = (count: number): PlannedMessage[] =>
	Array.from({ length: count }, (_, itemIndex) => ({
		itemIndex,
		outgoing: { phoneNumber: `+1555${1_000_000 + itemIndex}`, message: {} },
		endpoint: 'conversational',
	}));

/** A Stop button; its signal is listened to by every sender waiting at once. */
function stopButton(): AbortController {
	const controller = new AbortController();
	setMaxListeners(100, controller.signal);
	return controller;
}

const settings = (overrides: Partial<DispatchSettings> = {}): DispatchSettings => ({
	requestsPerSecond: 10,
	maxRetries: 5,
	stopAfterFirstFailure: false,
	limiter: new RequestRateLimiter(),
	...overrides,
});

const answer = (statusCode: number, body: unknown = {}, count = 1): SendOutcome =>
	classifyResponse({ statusCode, headers: {}, body }, count);
const accepted = (batch: Batch): SendOutcome => ({
	kind: 'accepted',
	keys: batch.entries.map((entry) => `key-${entry.itemIndex}`),
});

/**
 * A send that answers each call with the next outcome `script` gives for it (by call number and
 * batch), after 20 ms; records the item indexes of every call.
 */
function scripted(script: (call: number, batch: Batch) => SendOutcome) {
	const calls: number[][] = [];
	const send = async (batch: Batch) => {
		calls.push(batch.entries.map((entry) => entry.itemIndex));
		await new Promise((resolve) => setTimeout(resolve, 20));
		return script(calls.length - 1, batch);
	};
	return { send, calls };
}

const run = (
	count: number,
	batchSize: number,
	options: Partial<DispatchSettings>,
	send: (batch: Batch) => Promise<SendOutcome>,
) => inFakeTime(dispatchBatches(batchesOf(messages(count), batchSize), settings(options), send));

const statuses = (results: Map<number, { status: string }>) =>
	[...results.entries()].sort(([a], [b]) => a - b).map(([, result]) => result.status);

describe('retries only what Insider certainly did not accept', () => {
	it.each([
		['503', answer(503)],
		['code 2020', answer(400, { error: { code: 2020 } })],
		['a refused connection', classifyNetworkError({ code: 'ECONNREFUSED' }, 'http://x')],
		['a 429', answer(429)],
	])('%s is sent again', async (_case, first) => {
		const { send, calls } = scripted((call, batch) => (call === 0 ? first : accepted(batch)));
		const results = await run(3, 3, {}, send);
		expect(calls).toEqual([
			[0, 1, 2],
			[0, 1, 2],
		]);
		expect(statuses(results)).toEqual(['accepted', 'accepted', 'accepted']);
	});

	it.each([
		['a 500', answer(500), 'unknown'],
		['a connection reset', classifyNetworkError({ code: 'ECONNRESET' }, 'http://x'), 'unknown'],
		['a key count mismatch', answer(200, { keys: ['only-one'] }, 3), 'unknown'],
		['a 404', answer(404), 'failed'],
	])('%s is never sent again', async (_case, outcome, status) => {
		const { send, calls } = scripted(() => outcome);
		const results = await run(3, 3, {}, send);
		expect(calls).toHaveLength(1);
		expect(statuses(results)).toEqual([status, status, status]);
	});

	it('Max Retries bounds maintenance answers', async () => {
		const { send, calls } = scripted(() => answer(503));
		const results = await run(1, 1, { maxRetries: 2 }, send);
		expect(calls).toHaveLength(3);
		const result = results.get(0) as { status: string; failure: { message: string } };
		expect(result.status).toBe('failed');
		expect(result.failure.message).toMatch(/still after 2 retries$/);
	});

	it('Max Retries does not bound 429s', async () => {
		const { send, calls } = scripted((call, batch) => (call < 6 ? answer(429) : accepted(batch)));
		const results = await run(1, 1, { maxRetries: 0 }, send);
		expect(calls).toHaveLength(7);
		expect(statuses(results)).toEqual(['accepted']);
	});

	it('gives 429s up after 10 minutes without an accepted request on the key, with advice', async () => {
		const { send, calls } = scripted(() => answer(429));
		const started = Date.now();
		const results = await run(1, 1, {}, send);
		const minutes = (Date.now() - started) / 60_000;
		expect(minutes).toBeGreaterThanOrEqual(10);
		expect(minutes).toBeLessThan(10.1);
		const result = results.get(0) as {
			status: string;
			failure: { message: string; description: string };
		};
		expect(result.status).toBe('failed');
		expect(result.failure.message).toMatch(
			/^Insider's rate limit was still exceeded after 10 minutes without an accepted request on this API key \(429, \d+ retries\)$/,
		);
		expect(result.failure.description).toMatch(/Find what else sends with this key/);
		// The share fell to one request per second: ten minutes cost at most about 600 requests.
		expect(calls.length).toBeLessThan(700);
	});

	it('an accepted request on the key restarts the 10 minutes for a refused one', async () => {
		const limiter = new RequestRateLimiter();
		let refusedDone = false;
		const refused = dispatchBatches(
			batchesOf(messages(1), 1),
			settings({ limiter }),
			scripted(() => answer(429)).send,
		).finally(() => (refusedDone = true));
		// Another node run on the same key gets a request through after 8 minutes.
		await jest.advanceTimersByTimeAsync(8 * 60_000);
		const other = scripted((_call, batch) => accepted(batch));
		await inFakeTime(dispatchBatches(batchesOf(messages(1), 1), settings({ limiter }), other.send));
		const acceptedAt = Date.now();
		while (!refusedDone) await jest.advanceTimersByTimeAsync(1000);
		const result = (await refused).get(0);
		expect(result?.status).toBe('failed');
		expect((Date.now() - acceptedAt) / 60_000).toBeGreaterThanOrEqual(10);
	});
});

describe('a request Insider rejects as invalid (400, code 2002)', () => {
	it('is halved until the offenders stand alone; the rest is accepted', async () => {
		const offenders = new Set([1, 4]);
		const { send, calls } = scripted((_call, batch) =>
			batch.entries.some((entry) => offenders.has(entry.itemIndex))
				? answer(400, { error: { code: 2002 } })
				: accepted(batch),
		);
		const results = await run(6, 6, {}, send);
		expect(calls).toEqual([
			[0, 1, 2, 3, 4, 5],
			[0, 1, 2],
			[0, 1],
			[0],
			[1],
			[2],
			[3, 4, 5],
			[3, 4],
			[3],
			[4],
			[5],
		]);
		expect(statuses(results)).toEqual([
			'accepted',
			'failed',
			'accepted',
			'accepted',
			'failed',
			'accepted',
		]);
	});
});

describe('stopping', () => {
	it('Stop during a backoff sends nothing more: every item left is notSent', async () => {
		const controller = stopButton();
		const { send, calls } = scripted((call) => {
			if (call === 0) setTimeout(() => controller.abort(), 100);
			return answer(503);
		});
		const results = await run(4, 2, { abortSignal: controller.signal }, send);
		expect(calls).toEqual([[0, 1]]);
		expect(statuses(results)).toEqual(['notSent', 'notSent', 'notSent', 'notSent']);
	});

	it('Stop while requests wait for the limiter: nothing more starts', async () => {
		const controller = stopButton();
		const { send, calls } = scripted((call, batch) => {
			if (call === 10) controller.abort();
			return accepted(batch);
		});
		const results = await run(40, 1, { abortSignal: controller.signal }, send);
		expect(calls).toHaveLength(11);
		expect(statuses(results).filter((s) => s === 'accepted')).toHaveLength(11);
		expect(statuses(results).filter((s) => s === 'notSent')).toHaveLength(29);
	});

	it('a wrong key (401) stops every further request', async () => {
		const { send, calls } = scripted(() => answer(401));
		const results = await run(20, 2, {}, send);
		expect(calls).toHaveLength(1);
		expect(statuses(results)).toEqual(['failed', 'failed', ...Array(18).fill('notSent')]);
	});

	it('without Continue On Fail, the first failure stops the next requests', async () => {
		const { send } = scripted((call, batch) => (call === 0 ? answer(404) : accepted(batch)));
		const results = await run(6, 2, { stopAfterFirstFailure: true }, send);
		expect(statuses(results)).toEqual([
			'failed',
			'failed',
			'notSent',
			'notSent',
			'notSent',
			'notSent',
		]);
	});

	it('the first request goes alone: a wrong key costs one request, not one per worker', async () => {
		let inFlight = 0;
		let most = 0;
		const { send } = scripted((_call, batch) => accepted(batch));
		// Answers take 200 ms here, so requests overlap once several may be in flight.
		const counting = async (batch: Batch) => {
			most = Math.max(most, ++inFlight);
			await new Promise((resolve) => setTimeout(resolve, 180));
			const outcome = await send(batch);
			inFlight--;
			return outcome;
		};
		const first = run(1, 1, {}, counting);
		await first;
		expect(most).toBe(1);
		await run(30, 1, {}, counting);
		expect(most).toBeGreaterThan(1);
	});
});

describe('campaigns in processes that share one key', () => {
	it('two processes starting together both finish at close to the full rate, with few 429s', async () => {
		const insider = fakeInsider(10, 20);
		const campaign = (name: string) =>
			dispatchBatches(batchesOf(messages(2000), 50), settings(), insider.sender(name));
		const [a, b] = await inFakeTime(Promise.all([campaign('a'), campaign('b')]));
		expect(statuses(a).every((s) => s === 'accepted')).toBe(true);
		expect(statuses(b).every((s) => s === 'accepted')).toBe(true);
		const acceptedAt = insider.attempts.filter((x) => !x.refused).map((x) => x.arrivedAt);
		expect(acceptedAt).toHaveLength(80);
		expect(busiestSecond(acceptedAt)).toBeLessThanOrEqual(10);
		// 80 requests at 10 per second on one key: 8 s at best.
		const seconds = (Math.max(...acceptedAt) - Math.min(...acceptedAt)) / 1000;
		expect(seconds).toBeLessThan(8 * 1.25);
		const refused = insider.attempts.filter((x) => x.refused).length;
		expect(refused / insider.attempts.length).toBeLessThan(0.2);
	});

	it('a process alone on the key never gets a 429', async () => {
		const insider = fakeInsider(10, 20);
		const results = await inFakeTime(
			dispatchBatches(batchesOf(messages(5000), 50), settings(), insider.sender('alone')),
		);
		expect(statuses(results).every((s) => s === 'accepted')).toBe(true);
		expect(insider.attempts.filter((x) => x.refused)).toHaveLength(0);
	});
});
