import { sleep } from 'n8n-workflow';

/**
 * Insider counts requests per key per second. Counting is done on their side at arrival
 * time, so we leave a small margin on each one-second window for network jitter.
 */
const WINDOW_MS = 1000;
const WINDOW_MARGIN_MS = 30;

/**
 * Spaces request starts evenly at `requestsPerSecond` and never lets more than that many
 * start in any one-second window. Slots are reserved synchronously, so concurrent callers
 * share one budget for the whole execution.
 */
export class RequestRateLimiter {
	private readonly intervalMs: number;

	private readonly perWindow: number;

	private readonly recentSlots: number[] = [];

	private lastSlot = -Infinity;

	constructor(requestsPerSecond: number) {
		this.intervalMs = WINDOW_MS / requestsPerSecond;
		this.perWindow = Math.max(1, Math.floor(requestsPerSecond));
	}

	async acquire(): Promise<void> {
		const now = Date.now();
		let slot = Math.max(now, this.lastSlot + this.intervalMs);
		if (this.recentSlots.length >= this.perWindow) {
			const windowStart = this.recentSlots[this.recentSlots.length - this.perWindow];
			slot = Math.max(slot, windowStart + WINDOW_MS + WINDOW_MARGIN_MS);
		}
		this.lastSlot = slot;
		this.recentSlots.push(slot);
		if (this.recentSlots.length > this.perWindow) this.recentSlots.shift();
		if (slot > now) await sleep(slot - now);
	}
}
