/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Waiting for something that happens elsewhere (a server that starts, a callback that arrives,
 * an execution that finishes), for tests and development tooling alike.
 */

/** What a probe returns while the awaited state has not come yet. */
type NotYet = false | undefined | null;

export interface WaitOptions {
	/** Time between two probes (default 10 ms: cheap probes in tests want quick answers). */
	intervalMs?: number;
	/** More to say when the time is up, e.g. the tail of a log. */
	detail?: () => string;
}

export const sleep = async (ms: number): Promise<void> =>
	await new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `probe` (which may be async) until it returns something other than false, undefined or
 * null, and returns that; throws naming `what` when `timeoutMs` has passed first.
 */
export async function waitFor<T>(
	probe: () => T | NotYet | Promise<T | NotYet>,
	timeoutMs = 5000,
	what = 'condition',
	{ intervalMs = 10, detail }: WaitOptions = {},
): Promise<T> {
	const started = Date.now();
	for (;;) {
		const value = await probe();
		if (value !== false && value !== undefined && value !== null) return value;
		if (Date.now() - started > timeoutMs)
			throw new Error(
				`timed out after ${timeoutMs} ms waiting for ${what}${detail ? `\n${detail()}` : ''}`,
			);
		await sleep(intervalMs);
	}
}
