/**
 * Insider counts requests per API key over a sliding second, whoever sends them. Processes that
 * share a key (queue-mode workers, several n8n instances) cannot see each other; what they see
 * is Insider's 429. So each process keeps a whole number of requests it allows itself per
 * second on the key, its share, and moves it with the 429s:
 * - A process alone never gets a 429 from its own limiter, so the first 429 proves another
 *   sender: the share drops to half the ceiling at once (two processes are then even).
 * - Later 429s cut the share by the part of the last second's requests that were refused
 *   (at least one, at most half). One cut per window: the refusals of the same overload do not
 *   count twice. A process that has had nothing accepted since its last cut keeps its share for
 *   a few seconds: the others hold the window, and only its attempts make them notice.
 * - A few seconds after a cut it probes one request more per second. If a window passes without
 *   a refusal the share doubles each window up to the ceiling (the others have finished); if the
 *   probe is refused it goes back and waits twice as long before the next probe.
 * Whole numbers matter: shares that add up to Insider's limit never cause a 429 however the
 * processes' requests interleave, because each one's limiter keeps its own count per sliding
 * second. A fractional rate cannot promise that. The constants were chosen with measurements
 * (BENCHMARKS.md, "Campaigns sharing a key").
 */

/** Insider's window. */
export const INSIDER_WINDOW_MS = 1000;

/** Clock granularity between our measurements and Insider's. */
export const WINDOW_MARGIN_MS = 10;

/** The time a change of our share takes to show in Insider's window. */
const FEEDBACK_DELAY_MS = INSIDER_WINDOW_MS + WINDOW_MARGIN_MS;

/** How long a share holds after a cut before the first probe. */
export const PROBE_AFTER_MS = 2000;

/** The longest wait between probes, after probes were refused in a row. */
export const MAX_PROBE_AFTER_MS = 4000;

/** How long a process with nothing accepted keeps its share despite refusals. */
export const UNHEARD_GRACE_MS = 3000;

interface Lowered {
	/** Requests per second allowed now. */
	share: number;
	/** The ceiling of the node run that was refused: back there, the share is no longer lowered. */
	ceiling: number;
	/** The last share that held a whole window without a refusal. */
	held: number;
	/** Probing upwards: the share grows each window until a refusal. */
	probing: boolean;
	/** When the current share began. */
	since: number;
	/** How long a share holds before the next probe. */
	probeAfter: number;
	lastCut: number;
	acceptedSinceCut: number;
}

/** This process's share of one API key, from the 429s it has seen. */
export class AdaptiveShare {
	private lowered?: Lowered;

	/** Requests per second allowed at `now`: a whole number from 1 to `ceiling`. */
	perSecond(now: number, ceiling: number): number {
		const lowered = this.lowered;
		if (!lowered) return ceiling;
		for (;;) {
			const wait = lowered.probing ? FEEDBACK_DELAY_MS : lowered.probeAfter;
			if (now - lowered.since < wait) break;
			lowered.since += wait;
			lowered.held = lowered.share;
			if (lowered.probing) {
				lowered.probeAfter = PROBE_AFTER_MS;
				lowered.share *= 2;
			} else {
				lowered.share += 1;
				lowered.probing = true;
			}
			if (lowered.share >= lowered.ceiling) {
				this.lowered = undefined;
				return ceiling;
			}
		}
		// A node run with a lower ceiling on the same key keeps to its own.
		return Math.min(lowered.share, ceiling);
	}

	accepted(): void {
		if (this.lowered) this.lowered.acceptedSinceCut++;
	}

	/**
	 * Insider refused, for the rate, a request that started at `startedAt`; `refusedShare` is
	 * the part of this process's answers of the last second that were refusals.
	 */
	refused(now: number, startedAt: number, ceiling: number, refusedShare: number): void {
		const share = this.perSecond(now, ceiling);
		const lowered = this.lowered;
		if (lowered && startedAt < lowered.lastCut + FEEDBACK_DELAY_MS) return;
		let next: number;
		let probeAfter = PROBE_AFTER_MS;
		if (lowered?.probing) {
			next = lowered.held;
			probeAfter = Math.min(MAX_PROBE_AFTER_MS, lowered.probeAfter * 2);
		} else if (share > ceiling / 2) {
			next = Math.floor(ceiling / 2);
		} else {
			const unheard = lowered && lowered.acceptedSinceCut === 0;
			if (unheard && now - lowered.lastCut < UNHEARD_GRACE_MS) return;
			const cut = Math.max(1, Math.round(share * refusedShare));
			next = share - Math.min(Math.ceil(share / 2), cut);
		}
		next = Math.max(1, Math.min(share - 1, next));
		this.lowered = {
			share: next,
			ceiling,
			held: next,
			probing: false,
			since: now,
			probeAfter,
			lastCut: now,
			acceptedSinceCut: 0,
		};
	}
}
