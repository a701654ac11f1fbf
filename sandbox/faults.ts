export type FaultKind =
	| 'rate-limit'
	| 'server-error'
	| 'maintenance'
	| 'reset'
	| 'delay'
	| 'accept-then-reset';

export const FAULT_KINDS: FaultKind[] = [
	'rate-limit',
	'server-error',
	'maintenance',
	'reset',
	'delay',
	'accept-then-reset',
];

export interface FaultSpec {
	kind: FaultKind;
	/** How many of the next requests it applies to. */
	count?: number;
	/** Only requests with this API key; every key when absent. */
	apiKey?: string;
	/** rate-limit and maintenance: the Retry-After header, in seconds. */
	retryAfterSeconds?: number;
	/** delay: how long to wait before answering normally. */
	delayMs?: number;
}

interface ArmedFault extends FaultSpec {
	remaining: number;
}

/** A queue of scripted faults; each request consumes the first one that matches its key. */
export class FaultBook {
	private faults: ArmedFault[] = [];

	add(spec: FaultSpec): void {
		if (!FAULT_KINDS.includes(spec.kind))
			throw new Error(`unknown fault kind "${spec.kind}"; use one of ${FAULT_KINDS.join(', ')}`);
		this.faults.push({ ...spec, remaining: Math.max(1, spec.count ?? 1) });
	}

	take(apiKey: string): FaultSpec | undefined {
		const fault = this.faults.find((f) => f.apiKey === undefined || f.apiKey === apiKey);
		if (!fault) return undefined;
		fault.remaining--;
		if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
		return {
			kind: fault.kind,
			count: fault.count,
			apiKey: fault.apiKey,
			retryAfterSeconds: fault.retryAfterSeconds,
			delayMs: fault.delayMs,
		};
	}

	list(): Array<FaultSpec & { remaining: number }> {
		return this.faults.map((f) => ({ ...f }));
	}

	clear(): void {
		this.faults = [];
	}
}
