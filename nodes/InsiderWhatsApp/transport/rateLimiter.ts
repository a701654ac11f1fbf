import { createHash } from 'crypto';

import { abortableSleep } from './abortableSleep';

/** Clock granularity between our measurements and Insider's. */
const WINDOW_MARGIN_MS = 10;

/** Requests remembered per key: enough for the highest Requests Per Second the panel allows. */
const HISTORY = 1000;

interface Slot {
	/** When the answer came back; until then the request may still be on its way to Insider. */
	finishedAt?: number;
	finished: Promise<void>;
	finish: () => void;
}

/**
 * Lets at most `requestsPerSecond` requests reach Insider in any window. Insider counts a request
 * when it arrives, somewhere between our send and its answer; so a request may start only a full
 * window after the answer to the one `requestsPerSecond` places before it. That makes a 429
 * impossible however late a busy event loop sends, at the cost of one round trip per window.
 * Each caller passes its own rate, measured against the one history of requests on this key.
 */
export class RequestRateLimiter {
	private readonly slots: Slot[] = [];

	/**
	 * Waits for a slot; call the returned function when the request's answer has arrived.
	 * Undefined as soon as `signal` fires: the execution was stopped, no request may start.
	 */
	async acquire(
		requestsPerSecond: number,
		signal?: AbortSignal,
	): Promise<(() => void) | undefined> {
		const perWindow = Math.min(HISTORY, Math.max(1, Math.floor(requestsPerSecond)));
		const windowMs = (perWindow * 1000) / requestsPerSecond + WINDOW_MARGIN_MS;
		for (;;) {
			if (signal?.aborted) return undefined;
			const reference =
				this.slots.length >= perWindow ? this.slots[this.slots.length - perWindow] : undefined;
			if (reference && reference.finishedAt === undefined) {
				await reference.finished;
				continue;
			}
			const wait = reference ? (reference.finishedAt as number) + windowMs - Date.now() : 0;
			if (wait > 0) {
				if (!(await abortableSleep(wait, signal))) return undefined;
				continue;
			}
			let resolve = () => {};
			const slot: Slot = {
				finished: new Promise<void>((done) => (resolve = done)),
				finish: () => {
					if (slot.finishedAt === undefined) slot.finishedAt = Date.now();
					resolve();
				},
			};
			this.slots.push(slot);
			if (this.slots.length > HISTORY) this.slots.shift();
			return slot.finish;
		}
	}
}

/**
 * Insider limits requests per API key, so every node run in this n8n process that sends with
 * the same key and base URL shares one limiter: consecutive nodes of a workflow, and concurrent
 * executions, together stay within the limit. The key is only kept as a hash.
 */
const limitersByKey = new Map<string, RequestRateLimiter>();

export function limiterForKey(baseUrl: string, apiKey: string): RequestRateLimiter {
	const id = createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
	let limiter = limitersByKey.get(id);
	if (!limiter) {
		limiter = new RequestRateLimiter();
		limitersByKey.set(id, limiter);
	}
	return limiter;
}
