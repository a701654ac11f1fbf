/**
 * The whole reading of a callback body, shared by the trigger and by any node that is handed a
 * body n8n received: payloads, then events, then only the events the user chose. A body over
 * the caps of callbackLimits.ts gives nothing at all, never part of its events.
 */
import type { CallbackEvent, CallbackEventName } from './callbackEvent';
import { keepEvents } from './callbackItem';
import { normalizePayloads } from './normalizeEvents';
import { readPayloads } from './readPayloads';

export type CallbackReading =
	| { events: CallbackEvent[] }
	| { notJson: string }
	| { tooLarge: string };

export function readCallbackEvents(
	body: unknown,
	wanted: Iterable<CallbackEventName>,
	receivedAt = new Date(),
): CallbackReading {
	const reading = readPayloads(body);
	if (!('payloads' in reading)) return reading;
	const normalized = normalizePayloads(reading.payloads, receivedAt);
	if ('tooLarge' in normalized) return normalized;
	return { events: keepEvents(normalized.events, wanted) };
}
