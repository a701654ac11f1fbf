const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/** Exponential backoff with jitter: attempt 0 waits 250-500 ms, attempt 1 500-1000 ms, … */
export function backoffDelay(attempt: number): number {
	const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** Retry-After is either delay-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text))
		return Math.min(MAX_DELAY_MS * 4, Math.round(Number(text) * 1000));
	// An HTTP date names its day and month; a bare "-5" would parse as a year.
	const date = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, Math.min(MAX_DELAY_MS * 4, date - now));
}
