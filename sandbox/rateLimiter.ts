/** Sliding one-second window per API key, as Insider's "10 requests per second". */
export class SlidingWindowLimiter {
	private readonly starts = new Map<string, number[]>();

	constructor(public perSecond: number) {}

	/** Records the request and says whether it is within the limit. */
	allow(key: string, now = Date.now()): boolean {
		if (this.perSecond <= 0) return true;
		const recent = (this.starts.get(key) ?? []).filter((at) => now - at < 1000);
		const allowed = recent.length < this.perSecond;
		if (allowed) recent.push(now);
		this.starts.set(key, recent);
		return allowed;
	}

	reset() {
		this.starts.clear();
	}
}
