/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Insider as the sending algorithms see it, in fake time: a send function that takes `latencyMs`
 * to answer, counts each request at its halfway point against Insider's sliding-window limit per
 * key (the sandbox's own model of it), and answers 429 when the window is full. Every attempt is
 * recorded, so tests can check what reached "Insider" and when.
 */
import { SlidingWindowLimiter } from '../../../sandbox/rateLimiter';
import type { Batch } from '../../../nodes/InsiderWhatsApp/actions/sendPipeline/sendModel';
import type { SendOutcome } from '../../../nodes/InsiderWhatsApp/transport/insiderClient';
import { classifyResponse } from '../../../nodes/InsiderWhatsApp/transport/insiderClient';

export interface Attempt {
	sender: string;
	startedAt: number;
	arrivedAt: number;
	refused: boolean;
	items: number[];
}

export function fakeInsider(limitPerSecond = 10, latencyMs = 20) {
	const window = new SlidingWindowLimiter(limitPerSecond);
	const attempts: Attempt[] = [];
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	/** The send function of one sender (one n8n process, or one node run). */
	const sender =
		(name: string) =>
		async (batch: Batch): Promise<SendOutcome> => {
			const startedAt = Date.now();
			await sleep(latencyMs / 2);
			const arrivedAt = Date.now();
			const refused = !window.allow('key', arrivedAt);
			const items = batch.entries.map((entry) => entry.itemIndex);
			attempts.push({ sender: name, startedAt, arrivedAt, refused, items });
			await sleep(latencyMs / 2);
			return refused
				? classifyResponse({ statusCode: 429, headers: {}, body: { message: 'too many' } }, 0)
				: { kind: 'accepted', keys: items.map((item) => `${name}-${item}`) };
		};
	return { sender, attempts };
}

/** Runs `work` to its end in fake time, advancing the clock in small steps. */
export async function inFakeTime<T>(work: Promise<T>, stepMs = 5): Promise<T> {
	let done = false;
	const finished = work.finally(() => (done = true));
	while (!done) await jest.advanceTimersByTimeAsync(stepMs);
	return await finished;
}

/** The most requests that reached Insider within any one second. */
export function busiestSecond(arrivals: number[]): number {
	const sorted = [...arrivals].sort((a, b) => a - b);
	let most = 0;
	for (let first = 0, last = 0; last < sorted.length; last++) {
		while (sorted[last] - sorted[first] >= 1000) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

/** A Math.random that gives the same sequence every run. */
export function seededRandom(seed = 1) {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
}
