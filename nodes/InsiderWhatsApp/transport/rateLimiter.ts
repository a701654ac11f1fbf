import { sleep } from 'n8n-workflow';

/**
 * Insider counts requests per key at arrival time; a small margin on each window absorbs
 * network jitter between our send and their count.
 */
const WINDOW_MARGIN_MS = 30;

/**
 * Lets at most `requestsPerSecond` requests start in any window, shared by every concurrent
 * caller of one execution. It compares against the times requests really started, not the
 * times they were planned for, so a busy event loop that wakes several callers late cannot
 * bunch them into one window.
 */
export class RequestRateLimiter {
	/** How many requests one window holds, and how long the window is. */
	private readonly perWindow: number;

	private readonly windowMs: number;

	private readonly startedAt: number[] = [];

	constructor(requestsPerSecond: number) {
		this.perWindow = Math.max(1, Math.floor(requestsPerSecond));
		this.windowMs = (this.perWindow * 1000) / requestsPerSecond + WINDOW_MARGIN_MS;
	}

	async acquire(): Promise<void> {
		for (;;) {
			const now = Date.now();
			const oldest = this.startedAt.length >= this.perWindow ? this.startedAt[this.startedAt.length - this.perWindow] : -Infinity;
			const wait = oldest + this.windowMs - now;
			if (wait <= 0) {
				this.startedAt.push(now);
				if (this.startedAt.length > this.perWindow) this.startedAt.shift();
				return;
			}
			await sleep(wait);
		}
	}
}
