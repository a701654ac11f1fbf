/**
 * How much one callback body may ask of the readers. Insider's largest documented envelope
 * holds 100 statuses; these caps sit well above anything Insider sends and keep the work one
 * hostile body can cause small and bounded (README, "Security").
 */
export const CALLBACK_LIMITS = {
	/** JSON values in one body (the elements of a top-level array, or the one value). */
	payloadsPerBody: 1000,
	/** Events one body may become. */
	eventsPerBody: 1000,
	/** Array elements the readers walk in one body to find them (entries, changes, statuses…). */
	elementsPerBody: 10000,
} as const;

/**
 * Counts what the readers walk and make in one body. Past a cap it records why and hands out
 * nothing more to walk, so the readers finish at once; the caller then discards the body.
 */
export class ReadBudget {
	private elements = 0;

	private events = 0;

	/** Why the body is over a cap, once it is. */
	problem: string | undefined;

	/** The elements of `value` when it is an array (else none), each counted against the cap. */
	walk(value: unknown): unknown[] {
		if (!Array.isArray(value) || this.problem !== undefined) return [];
		this.elements += value.length;
		if (this.elements > CALLBACK_LIMITS.elementsPerBody) {
			this.problem = `it holds more than ${CALLBACK_LIMITS.elementsPerBody} array elements; Insider sends at most a few hundred`;
			return [];
		}
		return value;
	}

	/** Counts `count` more events. */
	emit(count: number): void {
		this.events += count;
		if (this.events > CALLBACK_LIMITS.eventsPerBody && this.problem === undefined) {
			this.problem = `it holds more than ${CALLBACK_LIMITS.eventsPerBody} events; Insider sends at most 100 per callback`;
		}
	}
}
