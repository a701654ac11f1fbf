import { abortableSleep } from './abortableSleep';
import { backoffDelay } from './backoff';
import type { FailedOutcome, RetryOutcome } from './insiderClient';
import type { RequestRateLimiter } from './rateLimiter';
import { RATE_LIMIT_BUDGET_MS } from './rateLimiter';

export interface RetrySettings {
	/** This node's ceiling; after a 429 the limiter keeps below it (see AdaptiveShare). */
	requestsPerSecond: number;
	/** Bounds retries of everything but 429s, which are bounded by time. */
	maxRetries: number;
	/** The execution's cancel signal: once it fires, no new attempt starts. */
	abortSignal?: AbortSignal;
	/** Shared by everything that calls Insider with the same API key (see limiterForKey). */
	limiter: RequestRateLimiter;
}

/**
 * One request to Insider under the key's rate limiter, tried again while its answer proves
 * nothing was done: a 429 until RATE_LIMIT_BUDGET_MS pass without an accepted request on the
 * key (queued again, without a backoff: the limiter has lowered this process's share), anything
 * else `attempt` calls a retry up to Max Retries, with backoff or Retry-After. Every endpoint
 * (sends, read receipts, media) goes through here, so they share one limit and one Stop.
 *
 * Undefined when the execution was stopped before an attempt could start, or when `stopped()`
 * says the caller has stopped by the time the request's turn came.
 */
export async function requestWithRetries<O extends { kind: string }>(
	settings: RetrySettings,
	attempt: () => Promise<O | RetryOutcome>,
	stopped: () => boolean = () => false,
): Promise<Exclude<O, RetryOutcome> | FailedOutcome | undefined> {
	const { limiter, abortSignal: signal } = settings;
	const firstTry = Date.now();
	for (let retries = 0, otherRetries = 0; ; retries++) {
		const turn = await limiter.acquire(settings.requestsPerSecond, signal);
		if (!turn) return undefined;
		if (stopped()) {
			turn.done('other');
			return undefined;
		}
		let outcome: O | RetryOutcome | undefined;
		try {
			outcome = await attempt();
		} finally {
			if (outcome === undefined) turn.done('other');
		}
		if (!isRetry(outcome)) {
			turn.done(outcome.kind === 'accepted' ? 'accepted' : 'other');
			return outcome as Exclude<O, RetryOutcome>;
		}
		if (outcome.rateLimited) {
			// Nothing was done, and the limiter has lowered this process's share of the key (and
			// holds the key for a Retry-After): the request queues again, without a backoff.
			turn.done('rateLimited', outcome.retryAfterMs);
			const quietSince = Math.max(firstTry, limiter.lastAcceptedAt);
			if (Date.now() - quietSince >= RATE_LIMIT_BUDGET_MS)
				return { kind: 'rejected', failure: outcome.giveUp(retries) };
			continue;
		}
		turn.done('other');
		if (otherRetries >= settings.maxRetries) {
			return { kind: 'rejected', failure: outcome.giveUp(otherRetries) };
		}
		const delay = outcome.retryAfterMs ?? backoffDelay(otherRetries++);
		if (!(await abortableSleep(delay, signal))) return undefined;
	}
}

const isRetry = (outcome: { kind: string }): outcome is RetryOutcome => outcome.kind === 'retry';
