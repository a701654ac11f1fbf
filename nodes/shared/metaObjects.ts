/**
 * Field extractors for the objects of Meta's WhatsApp webhooks, which Insider passes on:
 * a status, an inbound message (its content read per type in inboundMessages.ts), an error.
 * Each says what it found; createEvent writes it out.
 */
import type { CallbackEventError, CallbackEventName, EventFields } from './callbackEvent';
import type { ReadBudget } from './callbackLimits';
import { readInboundMessage } from './inboundMessages';
import type { JsonObject } from './jsonValues';
import { field, isObject, lookupTable, objectField, str } from './jsonValues';

const STATUS_EVENTS = lookupTable<CallbackEventName>({
	accepted: 'accepted',
	sent: 'sent',
	delivered: 'delivered',
	read: 'read',
	failed: 'failed',
	undelivered: 'failed',
	error: 'failed',
	reply: 'reply',
});

/** Status words are short; a longer text is no status and is not even lower-cased. */
const LONGEST_STATUS_WORD = 16;

/** A status word in any case; anything else (not a string, unknown words) is `unknown`. */
export function statusEvent(value: unknown): CallbackEventName {
	if (typeof value !== 'string' || value.length > LONGEST_STATUS_WORD) return 'unknown';
	return STATUS_EVENTS(value.toLowerCase()) ?? 'unknown';
}

/** The first element of an array field, without walking the rest. */
const firstOf = (value: unknown, name: string): unknown => {
	const array = field(value, name);
	return Array.isArray(array) ? array[0] : undefined;
};

/** Meta's error object, or Insider's, which has `type` where Meta has `title`. */
export function metaError(value: unknown): CallbackEventError | null {
	if (!isObject(value)) return null;
	const code = field(value, 'code');
	return {
		code: typeof code === 'number' && Number.isFinite(code) ? code : str(code),
		title: str(field(value, 'title')) ?? str(field(value, 'type')),
		message: str(field(value, 'message')),
		details:
			str(field(objectField(value, 'error_data'), 'details')) ?? str(field(value, 'details')),
	};
}

/** One entry of `statuses[]`; `envelopeKey` is Insider's key when the status has none. */
export function statusFields(status: JsonObject, envelopeKey: string | null): EventFields {
	return {
		event: statusEvent(field(status, 'status')),
		key: str(field(status, 'key')) ?? envelopeKey,
		messageId: field(status, 'id'),
		phoneNumber: field(status, 'recipient_id'),
		timestamp: field(status, 'timestamp'),
		error: metaError(firstOf(status, 'errors')),
	};
}

/** Meta's `type` of a message, when it is text. */
const typeOf = (message: JsonObject): string | null => {
	const type = field(message, 'type');
	return typeof type === 'string' && type !== '' ? type : null;
};

/**
 * One entry of `messages[]`: a tap is a `reply`; text, media, a location, contacts or a
 * reaction a `message`; a type the node does not know `unknown`, with who sent it and when
 * (and Meta's error, which comes with its `unsupported` messages).
 */
export function messageFields(
	message: JsonObject,
	envelopeKey: string | null,
	budget: ReadBudget,
): EventFields {
	const messageType = typeOf(message);
	return {
		event: 'unknown',
		...readInboundMessage(messageType, message, budget),
		key: str(field(message, 'key')) ?? envelopeKey,
		messageId: field(message, 'id'),
		phoneNumber: field(message, 'from'),
		timestamp: field(message, 'timestamp'),
		error: metaError(firstOf(message, 'errors')),
		messageType,
	};
}
