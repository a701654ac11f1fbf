import type { CallbackEvent } from '../shared/callbackEvent';
import { eventIdentity } from '../shared/eventIdentity';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long an event may wait for n8n's answer to the request that brought it. n8n 2.x answers
 * once it has stored the execution, and gives up on its database after 60 s; past this limit the
 * event is forgotten, so a retry can start it (a possible duplicate rather than a loss).
 */
export const PENDING_LIMIT_MS = 5 * 60 * 1000;

/**
 * Events remembered per trigger node. Each is a 43-character hash and an expiry time, about
 * 150 bytes with the map's own overhead, so the memory stays under 15 MB per trigger node
 * (README, "Security"). When it is full the oldest is forgotten first.
 */
export const MAX_REMEMBERED_PER_NODE = 100_000;

interface NodeMemory {
	/** Identity hash → expiry time, oldest first. */
	expiries: Map<string, number>;
	/**
	 * Identities whose request n8n has not answered yet (each also in `expiries`), with the
	 * admission that owns each, so that a late answer to an expired delivery decides nothing.
	 */
	pending: Map<string, object>;
}

/**
 * Remembers which events a trigger node has already emitted in this process, for 24 hours, so
 * Insider's retries of a callback start no second execution. In queue mode each webhook process
 * remembers its own; that is the documented limit.
 */
const memoryByNode = new Map<string, NodeMemory>();

function memoryOf(nodeScope: string): NodeMemory {
	let memory = memoryByNode.get(nodeScope);
	if (!memory) {
		memory = { expiries: new Map(), pending: new Map() };
		memoryByNode.set(nodeScope, memory);
	}
	return memory;
}

/** Forgets what expired, then the oldest, until there is room for one more. */
function makeRoom({ expiries, pending }: NodeMemory, now: number): void {
	// A Map keeps insertion order, so the oldest come first. A pending entry expires sooner than
	// the remembered ones before it; it is then dropped when its event comes again (admitEvents).
	for (const [id, expiresAt] of expiries) {
		if (expiresAt > now && expiries.size < MAX_REMEMBERED_PER_NODE) return;
		expiries.delete(id);
		pending.delete(id);
	}
}

export type Admission =
	| {
			/** The events not seen before, in order; the rest were duplicates. */
			events: CallbackEvent[];
			/**
			 * Call with whether n8n accepted the request (a 2xx): the new events are then remembered
			 * for 24 hours, or forgotten so that Insider's retry starts them.
			 */
			settle: (accepted: boolean) => void;
	  }
	/** An event of the body is still being started from an earlier delivery: nothing was remembered. */
	| { inFlight: true };

/**
 * Admits the events of one request. An event is remembered as pending until n8n has answered
 * that request: n8n 2.x answers 500 when it could not store the execution, and Insider's retry
 * must then start it rather than be dropped as a duplicate. A retry that arrives while the
 * first delivery is still pending is refused whole, so that Insider tries again later.
 */
export function admitEvents(
	nodeScope: string,
	events: CallbackEvent[],
	now = Date.now(),
): Admission {
	const memory = memoryOf(nodeScope);
	const { expiries, pending } = memory;
	const ids = events.map(eventIdentity);
	for (const id of ids) {
		if (id === undefined || !pending.has(id)) continue;
		if ((expiries.get(id) ?? 0) > now) return { inFlight: true };
		// Its request never got an answer within the limit: forget it.
		expiries.delete(id);
		pending.delete(id);
	}
	const owner = {};
	const admitted: string[] = [];
	const fresh = events.filter((_, index) => {
		const id = ids[index];
		// Events with no identity (unknown payloads) are never treated as duplicates.
		if (id === undefined) return true;
		if ((expiries.get(id) ?? 0) > now) return false;
		expiries.delete(id);
		makeRoom(memory, now);
		expiries.set(id, now + PENDING_LIMIT_MS);
		pending.set(id, owner);
		admitted.push(id);
		return true;
	});
	let settled = false;
	const settle = (accepted: boolean) => {
		if (settled) return;
		settled = true;
		for (const id of admitted) {
			if (pending.get(id) !== owner) continue;
			pending.delete(id);
			// Deleted first, so that a remembered event moves to the end of the map's order.
			expiries.delete(id);
			if (accepted) {
				makeRoom(memory, Date.now());
				expiries.set(id, Date.now() + DAY_MS);
			}
		}
	};
	return { events: fresh, settle };
}

/** How many events a trigger node remembers now, pending ones included (for tests and measurements). */
export function rememberedCount(nodeScope: string): number {
	return memoryByNode.get(nodeScope)?.expiries.size ?? 0;
}
