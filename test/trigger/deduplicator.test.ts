/**
 * The trigger's memory of events (issue 19, item 8, and what CI under load found): a fixed-size
 * hash per event, never more than its cap, and an event counts as seen only once n8n has
 * accepted the request that carried it, so that Insider's retry of a request n8n refused
 * (500: it could not store the execution) starts the workflow instead of being dropped.
 */
import type { Admission } from '../../nodes/InsiderWhatsAppTrigger/deduplicator';
import {
	admitEvents,
	MAX_REMEMBERED_PER_NODE,
	PENDING_LIMIT_MS,
	rememberedCount,
} from '../../nodes/InsiderWhatsAppTrigger/deduplicator';
import type { CallbackEvent } from '../../nodes/shared/callbackEvent';
import { normalizeEvents } from '../../nodes/shared/normalizeEvents';

const event = (key: string, status = 'sent') => normalizeEvents({ key, status, timestamp: '1' })[0];

/** The events admitted, the request then accepted by n8n. */
function accepted(scope: string, events: CallbackEvent[], now?: number): CallbackEvent[] {
	const admission = admitEvents(scope, events, now);
	if ('inFlight' in admission) throw new Error('refused as in flight');
	admission.settle(true);
	return admission.events;
}

const admitted = (admission: Admission) => ('inFlight' in admission ? 'in flight' : admission);

test('remembers a fixed-size hash, however long the ids', () => {
	const scope = 'memory-hash';
	const long = event(`whatsapp-${'x'.repeat(1_000_000)}`);
	expect(accepted(scope, [long])).toHaveLength(1);
	expect(accepted(scope, [long])).toHaveLength(0);
	expect(rememberedCount(scope)).toBe(1);
});

test('never holds more than its cap, even within one call', () => {
	const scope = 'memory-cap';
	const events = Array.from({ length: MAX_REMEMBERED_PER_NODE + 10 }, (_, i) => event(`k${i}`));
	expect(accepted(scope, events)).toHaveLength(events.length);
	expect(rememberedCount(scope)).toBe(MAX_REMEMBERED_PER_NODE);
	// The oldest were forgotten first; the newest are still known.
	expect(accepted(scope, [events[events.length - 1]])).toHaveLength(0);
	expect(accepted(scope, [events[0]])).toHaveLength(1);
});

test('the same event twice in one body is emitted once', () => {
	const admission = admitEvents('memory-same-body', [event('a'), event('a'), event('b')]);
	expect(admitted(admission)).toMatchObject({ events: [event('a'), event('b')] });
});

test('a request n8n refused is forgotten: the retry starts the event', () => {
	const scope = 'memory-refused';
	const first = admitEvents(scope, [event('a'), event('b')]);
	if ('inFlight' in first) throw new Error('refused as in flight');
	first.settle(false);
	expect(rememberedCount(scope)).toBe(0);
	expect(accepted(scope, [event('a'), event('b')])).toEqual([event('a'), event('b')]);
	expect(accepted(scope, [event('a')])).toEqual([]);
});

test('a retry while the first delivery awaits n8n is refused whole, and remembers nothing of its body', () => {
	const scope = 'memory-in-flight';
	const first = admitEvents(scope, [event('a')]);
	if ('inFlight' in first) throw new Error('refused as in flight');
	expect(admitEvents(scope, [event('c'), event('a')])).toEqual({ inFlight: true });
	expect(rememberedCount(scope)).toBe(1);
	first.settle(true);
	// Accepted: the retry's event is a duplicate now, and the other event of its body is new.
	expect(accepted(scope, [event('c'), event('a')])).toEqual([event('c')]);
});

test('an event whose request n8n never answered is forgotten after the pending limit', () => {
	const scope = 'memory-unanswered';
	const now = Date.now();
	expect(admitted(admitEvents(scope, [event('a')], now))).not.toBe('in flight');
	expect(admitEvents(scope, [event('a')], now + PENDING_LIMIT_MS - 1)).toEqual({ inFlight: true });
	expect(accepted(scope, [event('a')], now + PENDING_LIMIT_MS + 1)).toEqual([event('a')]);
});

test('settling twice changes nothing', () => {
	const scope = 'memory-settle-once';
	const first = admitEvents(scope, [event('a')]);
	if ('inFlight' in first) throw new Error('refused as in flight');
	first.settle(true);
	first.settle(false);
	expect(accepted(scope, [event('a')])).toEqual([]);
});

test('events without an identity are never held back', () => {
	const unknown = normalizeEvents([1, 2])[0];
	const scope = 'memory-unknown';
	expect(admitted(admitEvents(scope, [unknown]))).toMatchObject({ events: [unknown] });
	expect(admitted(admitEvents(scope, [unknown]))).toMatchObject({ events: [unknown] });
});

test("a late answer to an expired delivery does not decide the next delivery's fate", () => {
	const scope = 'memory-late-answer';
	const now = Date.now();
	const first = admitEvents(scope, [event('a')], now);
	const retry = admitEvents(scope, [event('a')], now + PENDING_LIMIT_MS + 1);
	if ('inFlight' in first || 'inFlight' in retry) throw new Error('refused as in flight');
	// n8n refuses the first delivery late: the retry, still pending, must stay in flight.
	first.settle(false);
	expect(admitEvents(scope, [event('a')], now + PENDING_LIMIT_MS + 2)).toEqual({ inFlight: true });
	retry.settle(true);
	expect(accepted(scope, [event('a')])).toEqual([]);
});
