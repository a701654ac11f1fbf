import { abortableSleep } from './abortableSleep';

/** Clock granularity between our measurements and Insider's. */
const WINDOW_MARGIN_MS = 10;

interface Slot {
	/** When the answer came back; until then the request may still be on its way to Insider. */
	finishedAt?: number;
	finished: Promise<void>;
	finish: () => void;
}

/**
 * Lets at most `requestsPerSecond` requests reach Insider in any window, shared by every
 * concurrent caller of one execution. Insider counts a request when it arrives, somewhere
 * between our send and its answer; so a request may start only a full window after the
 * answer to the one `requestsPerSecond` places before it. That makes a 429 impossible however
 * late a busy event loop sends, at the cost of one round trip per window.
 */
export class RequestRateLimiter {
	private readonly perWindow: number;

	private readonly windowMs: number;

	private readonly slots: Slot[] = [];

	constructor(requestsPerSecond: number) {
		this.perWindow = Math.max(1, Math.floor(requestsPerSecond));
		this.windowMs = (this.perWindow * 1000) / requestsPerSecond + WINDOW_MARGIN_MS;
	}

	/**
	 * Waits for a slot; call the returned function when the request's answer has arrived.
	 * Undefined as soon as `signal` fires: the execution was stopped, no request may start.
	 */
	async acquire(signal?: AbortSignal): Promise<(() => void) | undefined> {
		for (;;) {
			if (signal?.aborted) return undefined;
			const reference =
				this.slots.length >= this.perWindow
					? this.slots[this.slots.length - this.perWindow]
					: undefined;
			if (reference && reference.finishedAt === undefined) {
				await reference.finished;
				continue;
			}
			const wait = reference ? (reference.finishedAt as number) + this.windowMs - Date.now() : 0;
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
			if (this.slots.length > this.perWindow) this.slots.shift();
			return slot.finish;
		}
	}
}
