/**
 * Field extractors for the objects of Meta's WhatsApp webhooks, which Insider passes on:
 * a status, an inbound message, an error. Each says what it found; createEvent writes it out.
 */
import type {
	CallbackEventError,
	CallbackEventName,
	CallbackEventReply,
	EventFields,
} from './callbackEvent';
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

function replyOf(message: JsonObject): CallbackEventReply | null {
	const contextMessageId = str(field(objectField(message, 'context'), 'id'));
	const interactive = objectField(message, 'interactive');
	const reply = (type: CallbackEventReply['type'], id: unknown, title: unknown) => ({
		type,
		id: str(id),
		title: str(title),
		contextMessageId,
	});
	const button = objectField(interactive, 'button_reply');
	if (button) return reply('button', field(button, 'id'), field(button, 'title'));
	const row = objectField(interactive, 'list_reply');
	if (row) return reply('list', field(row, 'id'), field(row, 'title'));
	const templateButton = objectField(message, 'button');
	if (field(message, 'type') === 'button' && templateButton) {
		return reply('templateButton', field(templateButton, 'payload'), field(templateButton, 'text'));
	}
	return null;
}

const CAPTIONED_MEDIA = ['image', 'video', 'document', 'audio', 'sticker'];

/** The text the contact wrote: a text body or a media caption. */
function textOf(message: JsonObject): string | null {
	const text = objectField(message, 'text');
	if (text) return str(field(text, 'body'));
	for (const media of CAPTIONED_MEDIA) {
		const content = objectField(message, media);
		if (content) return str(field(content, 'caption'));
	}
	return null;
}

/** One entry of `messages[]`: a button tap is a `reply`, anything else a `message`. */
export function messageFields(message: JsonObject, envelopeKey: string | null): EventFields {
	const reply = replyOf(message);
	return {
		event: reply ? 'reply' : 'message',
		key: str(field(message, 'key')) ?? envelopeKey,
		messageId: field(message, 'id'),
		phoneNumber: field(message, 'from'),
		timestamp: field(message, 'timestamp'),
		reply,
		text: reply ? null : textOf(message),
	};
}
