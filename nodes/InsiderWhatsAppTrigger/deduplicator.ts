import type { CallbackEvent } from '../shared/callbackEvent';
import { eventIdentity } from '../shared/eventIdentity';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_REMEMBERED_PER_NODE = 200_000;

/**
 * Remembers which events a trigger node has already emitted in this process, for 24 hours, so
 * Insider's retries of a callback start no second execution. In queue mode each webhook process
 * remembers its own; that is the documented limit.
 */
const seenByNode = new Map<string, Map<string, number>>();

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
	// Map keeps insertion order, so the oldest entries come first.
	for (const [id, expiresAt] of seen) {
		if (expiresAt > now && seen.size < MAX_REMEMBERED_PER_NODE) break;
		seen.delete(id);
	}
	return events.filter((event) => {
		// Events with no identity (unknown payloads) are never treated as duplicates.
		const id = eventIdentity(event);
		if (id === undefined) return true;
		if ((seen as Map<string, number>).has(id)) return false;
		(seen as Map<string, number>).set(id, now + DAY_MS);
		return true;
	});
}
