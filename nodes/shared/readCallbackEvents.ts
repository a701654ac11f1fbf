/**
 * The whole reading of a callback body, shared by the trigger and by any node that is handed a
 * body n8n received: payloads, then events, then only the events the user chose.
 */
import type { CallbackEvent, CallbackEventName } from './callbackEvent';
import { keepEvents } from './callbackItem';
import { normalizePayloads } from './normalizeEvents';
import { readPayloads } from './readPayloads';

export type CallbackReading = { events: CallbackEvent[] } | { notJson: string };

export function readCallbackEvents(
	body: unknown,
	wanted: Iterable<CallbackEventName>,
	receivedAt = new Date(),
): CallbackReading {
	const reading = readPayloads(body);
	if ('notJson' in reading) return reading;
	return { events: keepEvents(normalizePayloads(reading.payloads, receivedAt), wanted) };
}
