import type { CallbackEvent } from '../shared/callbackEvent';
import { eventIdentity } from '../shared/eventIdentity';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Events remembered per trigger node. Each is a 43-character hash and an expiry time, about
 * 150 bytes with the map's own overhead, so the memory stays under 15 MB per trigger node
 * (README, "Security"). When it is full the oldest is forgotten first.
 */
export const MAX_REMEMBERED_PER_NODE = 100_000;

/**
 * Remembers which events a trigger node has already emitted in this process, for 24 hours, so
 * Insider's retries of a callback start no second execution. In queue mode each webhook process
 * remembers its own; that is the documented limit.
 */
const seenByNode = new Map<string, Map<string, number>>();

/** Forgets what expired, then the oldest, until there is room for one more. */
function makeRoom(seen: Map<string, number>, now: number): void {
	// A Map keeps insertion order and every entry lives a day, so the oldest come first.
	for (const [id, expiresAt] of seen) {
		if (expiresAt > now && seen.size < MAX_REMEMBERED_PER_NODE) return;
		seen.delete(id);
	}
}

export function dropDuplicates(
	nodeScope: string,
	events: CallbackEvent[],
	now = Date.now(),
): CallbackEvent[] {
	let seen = seenByNode.get(nodeScope);
	if (!seen) {
		seen = new Map();
		seenByNode.set(nodeScope, seen);
	}
	const remembered = seen;
	return events.filter((event) => {
		// Events with no identity (unknown payloads) are never treated as duplicates.
		const id = eventIdentity(event);
		if (id === undefined) return true;
		if (remembered.has(id)) return false;
		makeRoom(remembered, now);
		remembered.set(id, now + DAY_MS);
		return true;
	});
}

/** How many events a trigger node remembers now (for tests and measurements). */
export function rememberedCount(nodeScope: string): number {
	return seenByNode.get(nodeScope)?.size ?? 0;
}
