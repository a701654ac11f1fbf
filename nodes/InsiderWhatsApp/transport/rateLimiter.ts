import { createHash } from 'crypto';

import { abortableSleep } from './abortableSleep';
import { AdaptiveShare, INSIDER_WINDOW_MS, WINDOW_MARGIN_MS } from './adaptiveRate';

/** Requests remembered per key: enough for the highest Requests Per Second the panel allows. */
const HISTORY = 1000;

/**
 * Consecutive requests start at least a fifth of a window divided by the rate apart (20 ms at
 * 10 per second). Without it the first second's requests leave together and every later second
 * repeats that burst, so another sender on the key gets in only during a few milliseconds of
 * each second and this process never sees a 429 to make room. Spread over a fifth of the
 * window they leave that room; a campaign ends at most 0.2 s later for it.
 */
const SPREAD_SHARE_OF_WINDOW = 0.2;

/** The most a refused request's place moves, as a part of the window. */
const REFUSED_SHIFT_SHARE = 0.5;

/**
 * How long 429s are retried while Insider accepts nothing on the key. A 429 proves nothing was
 * sent, so waiting is safe; a key refused this long is used up by something else.
 */
export const RATE_LIMIT_BUDGET_MS = 10 * 60_000;

/** How a request ended, as far as the rate is concerned. */
export type RequestEnd = 'accepted' | 'rateLimited' | 'other';

/** A request's place in the limiter: report its end once its answer has arrived. */
export interface Turn {
	startedAt: number;
	done: (end: RequestEnd, retryAfterMs?: number) => void;
}

interface Slot {
	/** When the answer came back; until then the request may still be on its way to Insider. */
	finishedAt?: number;
	finished: Promise<void>;
	finish: () => void;
}

/**
 * Lets at most `requestsPerSecond` requests reach Insider in any second. Insider counts a request
 * when it arrives, somewhere between our send and its answer; so a request may start only a full
 * second after the answer to the one `requestsPerSecond` places before it. That makes a 429
 * impossible however late a busy event loop sends, at the cost of one round trip per second.
 * Each caller passes its own rate, measured against the one history of requests on this key.
 * Other processes on the same key show only as 429s, which lower this process's count per
 * second (see AdaptiveShare); the same rule then keeps it to that count.
 */
export class RequestRateLimiter {
	private readonly slots: Slot[] = [];

	private readonly share = new AdaptiveShare();

	/** This process's answers on the key (accepted or refused), for the share of refusals. */
	private readonly answers: Array<{ at: number; refused: boolean }> = [];

	private lastStart = -Infinity;

	/** Settles when the last request that asked for a turn has had it (or was stopped). */
	private queue: Promise<void> = Promise.resolve();

	/** A Retry-After from Insider holds every request on this key until then. */
	private pausedUntil = 0;

	/** When Insider last accepted a request on this key (0: never, in this process). */
	lastAcceptedAt = 0;

	/** Requests per second this process allows itself now, for a caller whose limit is given. */
	allowedPerSecond(requestsPerSecond: number): number {
		return this.share.perSecond(Date.now(), ceilingOf(requestsPerSecond));
	}

	/**
	 * Waits for a turn; report its end when the request's answer has arrived. Turns are given in
	 * the order they were asked for, so a refused request that asks again queues behind the
	 * others. Undefined as soon as `signal` fires: the execution was stopped, no request may start.
	 */
	async acquire(requestsPerSecond: number, signal?: AbortSignal): Promise<Turn | undefined> {
		const ahead = this.queue;
		let leave = () => {};
		this.queue = new Promise<void>((resolve) => (leave = resolve));
		try {
			if (!(await untilOrStopped(ahead, signal))) return undefined;
			return await this.nextTurn(requestsPerSecond, signal);
		} finally {
			// A stopped request leaves its place only once the one ahead of it is served.
			void ahead.then(leave);
		}
	}

	/** The turn of the request at the front of the queue. */
	private async nextTurn(requestsPerSecond: number, signal?: AbortSignal) {
		const ceiling = ceilingOf(requestsPerSecond);
		// Below one per second the window stretches; above it, the count per second is whole.
		const windowMs =
			Math.max(INSIDER_WINDOW_MS, INSIDER_WINDOW_MS / requestsPerSecond) + WINDOW_MARGIN_MS;
		for (;;) {
			if (signal?.aborted) return undefined;
			const perWindow = this.share.perSecond(Date.now(), ceiling);
			const reference =
				this.slots.length >= perWindow ? this.slots[this.slots.length - perWindow] : undefined;
			if (reference && reference.finishedAt === undefined) {
				if (!(await untilOrStopped(reference.finished, signal))) return undefined;
				continue;
			}
			const now = Date.now();
			const wait = Math.max(
				this.pausedUntil - now,
				reference ? (reference.finishedAt as number) + windowMs - now : 0,
				this.lastStart + (SPREAD_SHARE_OF_WINDOW * INSIDER_WINDOW_MS) / ceiling - now,
			);
			if (wait > 0) {
				if (!(await abortableSleep(wait, signal))) return undefined;
				continue;
			}
			return this.start(now, ceiling);
		}
	}

	private start(now: number, ceiling: number): Turn {
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
		this.lastStart = now;
		return {
			startedAt: now,
			done: (end, retryAfterMs) => {
				// A refused request's place in the cycle moves by a random part of a window: its
				// requests would otherwise keep arriving at the same instant of the other senders'
				// cycle, when the window is full, and they would never see a 429 of their own.
				if (end === 'rateLimited' && slot.finishedAt === undefined)
					slot.finishedAt = Date.now() + Math.random() * REFUSED_SHIFT_SHARE * INSIDER_WINDOW_MS;
				slot.finish();
				if (end !== 'other') this.answered(now, ceiling, end === 'rateLimited', retryAfterMs);
			},
		};
	}

	private answered(startedAt: number, ceiling: number, refused: boolean, retryAfterMs?: number) {
		const at = Date.now();
		this.answers.push({ at, refused });
		if (this.answers.length > HISTORY) this.answers.shift();
		if (!refused) {
			this.lastAcceptedAt = at;
			this.share.accepted();
			return;
		}
		const lastSecond = this.answers.filter((answer) => answer.at > at - INSIDER_WINDOW_MS);
		const refusedShare = lastSecond.filter((answer) => answer.refused).length / lastSecond.length;
		this.share.refused(at, startedAt, ceiling, refusedShare);
		if (retryAfterMs !== undefined)
			this.pausedUntil = Math.max(this.pausedUntil, at + retryAfterMs);
	}
}

/** True once `promise` settles; false as soon as `signal` fires. */
async function untilOrStopped(promise: Promise<void>, signal?: AbortSignal): Promise<boolean> {
	if (!signal) {
		await promise;
		return true;
	}
	if (signal.aborted) return false;
	let onAbort = () => {};
	const stopped = new Promise<boolean>((resolve) => {
		onAbort = () => resolve(false);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([promise.then(() => true), stopped]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/** The whole number of requests per second a caller's limit allows (at least one). */
const ceilingOf = (requestsPerSecond: number) =>
	Math.min(HISTORY, Math.max(1, Math.floor(requestsPerSecond)));

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
