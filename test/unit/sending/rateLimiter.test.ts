/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
import {
	limiterForKey,
	RequestRateLimiter,
} from '../../../nodes/InsiderWhatsApp/transport/rateLimiter';
import type { Turn } from '../../../nodes/InsiderWhatsApp/transport/rateLimiter';
import {
	MAX_PROBE_AFTER_MS,
	PROBE_AFTER_MS,
} from '../../../nodes/InsiderWhatsApp/transport/adaptiveRate';
import { busiestSecond, inFakeTime } from './fakeInsider';

beforeEach(() => jest.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') }));
afterEach(() => jest.useRealTimers());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `count` requests through `limiter` by `concurrency` senders, each answered after `latencyMs`;
 * returns every request's start and answer time.
 */
async function sendThrough(
	limiter: RequestRateLimiter,
	requestsPerSecond: number,
	count: number,
	latencyMs = 30,
	concurrency = Math.ceil(requestsPerSecond),
) {
	const requests: Array<{ startedAt: number; answeredAt: number }> = [];
	let next = 0;
	const sender = async () => {
		while (next < count) {
			next++;
			const turn = (await limiter.acquire(requestsPerSecond)) as Turn;
			await sleep(latencyMs);
			requests.push({ startedAt: turn.startedAt, answeredAt: Date.now() });
			turn.done('accepted');
		}
	};
	await inFakeTime(Promise.all(Array.from({ length: concurrency }, sender)));
	return requests.sort((a, b) => a.startedAt - b.startedAt);
}

/** True when every request started a full second after the answer to the one `n` before it. */
function startsAfterAnswers(requests: Array<{ startedAt: number; answeredAt: number }>, n: number) {
	const answers = requests.map((r) => r.answeredAt).sort((a, b) => a - b);
	return requests.every((r, i) => i < n || r.startedAt >= answers[i - n] + 1000);
}

describe('the limit within one process', () => {
	it.each([
		[10, 10, 0],
		[10, 10, 200],
		[7.5, 7, 30],
		[2, 2, 30],
	])(
		'at %d per second, a request starts a full second after the answer to the one %d before (latency %d ms)',
		async (requestsPerSecond, perSecond, latencyMs) => {
			const requests = await sendThrough(
				new RequestRateLimiter(),
				requestsPerSecond,
				60,
				latencyMs,
			);
			expect(requests).toHaveLength(60);
			expect(startsAfterAnswers(requests, perSecond)).toBe(true);
			expect(busiestSecond(requests.map((r) => r.startedAt))).toBe(perSecond);
		},
	);

	it('below one per second, each request waits 1/rate after the previous answer', async () => {
		const requests = await sendThrough(new RequestRateLimiter(), 0.5, 4, 30, 1);
		for (let i = 1; i < requests.length; i++)
			expect(requests[i].startedAt - requests[i - 1].answeredAt).toBeGreaterThanOrEqual(2000);
	});

	it('uses the whole rate: 100 requests at 10 per second take about ten windows', async () => {
		const requests = await sendThrough(new RequestRateLimiter(), 10, 100, 30);
		const seconds = (requests[99].startedAt - requests[0].startedAt) / 1000;
		// Nine full windows after the first, each a second plus the answer's 30 ms and the margin.
		expect(seconds).toBeGreaterThanOrEqual(9);
		expect(seconds).toBeLessThan(9.8);
	});

	it('is one limiter per API key and base URL, shared by every node run on it', async () => {
		const a = limiterForKey('https://whatsapp.example.com', 'INS.key-a');
		expect(limiterForKey('https://whatsapp.example.com', 'INS.key-a')).toBe(a);
		expect(limiterForKey('https://whatsapp.example.com', 'INS.key-b')).not.toBe(a);
		expect(limiterForKey('https://proxy.example.com', 'INS.key-a')).not.toBe(a);
		// Two node runs at 10 per second each on the shared limiter: 10 per second together.
		const [first, second] = await Promise.all([sendThrough(a, 10, 40), sendThrough(a, 10, 40)]);
		const all = [...first, ...second].sort((x, y) => x.startedAt - y.startedAt);
		expect(startsAfterAnswers(all, 10)).toBe(true);
	});

	it('Stop ends a wait at once: no turn is given after the signal', async () => {
		const limiter = new RequestRateLimiter();
		await sendThrough(limiter, 1, 1);
		const controller = new AbortController();
		const waiting = limiter.acquire(1, controller.signal);
		await jest.advanceTimersByTimeAsync(100);
		controller.abort();
		await jest.advanceTimersByTimeAsync(1);
		await expect(waiting).resolves.toBeUndefined();
		await expect(limiter.acquire(1, controller.signal)).resolves.toBeUndefined();
	});
});

describe("adapting to the key's other senders", () => {
	/** One refused request on `limiter`, as if another process had filled the window. */
	async function refuse(limiter: RequestRateLimiter, retryAfterMs?: number) {
		const turn = (await inFakeTime(limiter.acquire(10))) as Turn;
		turn.done('rateLimited', retryAfterMs);
	}

	it('halves its share at the first 429, probes one more after a few seconds, then doubles back to the ceiling', async () => {
		const limiter = new RequestRateLimiter();
		expect(limiter.allowedPerSecond(10)).toBe(10);
		await refuse(limiter);
		const shares: number[] = [];
		for (let ms = 0; ms <= 6000; ms += 500) {
			shares.push(limiter.allowedPerSecond(10));
			await jest.advanceTimersByTimeAsync(500);
		}
		expect(shares[0]).toBe(5);
		expect(shares).toEqual([...shares].sort((a, b) => a - b));
		expect(shares).toContain(6);
		expect(shares[shares.length - 1]).toBe(10);
		// Requests now keep to the lowered share.
		await refuse(limiter);
		const requests = await sendThrough(limiter, 10, 20);
		expect(busiestSecond(requests.slice(0, 10).map((r) => r.startedAt))).toBeLessThanOrEqual(5);
	});

	it("never goes above the caller's Requests Per Second", async () => {
		const limiter = new RequestRateLimiter();
		const turn = (await inFakeTime(limiter.acquire(4))) as Turn;
		turn.done('rateLimited');
		expect(limiter.allowedPerSecond(4)).toBe(2);
		await jest.advanceTimersByTimeAsync(60_000);
		expect(limiter.allowedPerSecond(4)).toBe(4);
		expect(limiter.allowedPerSecond(3)).toBe(3);
	});

	it('a node run with a lower Requests Per Second on the key does not lift the lowered share', async () => {
		const limiter = new RequestRateLimiter();
		await refuse(limiter);
		expect(limiter.allowedPerSecond(4)).toBe(4);
		expect(limiter.allowedPerSecond(10)).toBe(5);
		await jest.advanceTimersByTimeAsync(PROBE_AFTER_MS);
		expect(limiter.allowedPerSecond(4)).toBe(4);
		expect(limiter.allowedPerSecond(10)).toBe(6);
	});

	it('counts the refusals of one overload once', async () => {
		const limiter = new RequestRateLimiter();
		const turns = (await inFakeTime(
			Promise.all([limiter.acquire(10), limiter.acquire(10), limiter.acquire(10)]),
		)) as Turn[];
		for (const turn of turns) turn.done('rateLimited');
		expect(limiter.allowedPerSecond(10)).toBe(5);
	});

	it('a refused probe falls back to the share that held, and the next probe waits longer', async () => {
		const limiter = new RequestRateLimiter();
		await refuse(limiter);
		await jest.advanceTimersByTimeAsync(PROBE_AFTER_MS);
		expect(limiter.allowedPerSecond(10)).toBe(6);
		await jest.advanceTimersByTimeAsync(500);
		await refuse(limiter);
		expect(limiter.allowedPerSecond(10)).toBe(5);
		await jest.advanceTimersByTimeAsync(MAX_PROBE_AFTER_MS - 100);
		expect(limiter.allowedPerSecond(10)).toBe(5);
		await jest.advanceTimersByTimeAsync(200);
		expect(limiter.allowedPerSecond(10)).toBe(6);
	});

	it('a Retry-After holds every request on the key until it has passed', async () => {
		const limiter = new RequestRateLimiter();
		await refuse(limiter, 2000);
		const refusedAt = Date.now();
		const turn = (await inFakeTime(limiter.acquire(10))) as Turn;
		expect(turn.startedAt - refusedAt).toBeGreaterThanOrEqual(2000);
	});

	it('remembers when Insider last accepted a request on the key', async () => {
		const limiter = new RequestRateLimiter();
		expect(limiter.lastAcceptedAt).toBe(0);
		const turn = (await inFakeTime(limiter.acquire(10))) as Turn;
		await jest.advanceTimersByTimeAsync(40);
		turn.done('accepted');
		expect(limiter.lastAcceptedAt).toBe(Date.now());
	});
});
