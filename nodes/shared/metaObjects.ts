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
import { asArray, isObject, str } from './jsonValues';

const STATUS_EVENTS: Record<string, CallbackEventName> = {
	accepted: 'accepted',
	sent: 'sent',
	delivered: 'delivered',
	read: 'read',
	failed: 'failed',
	undelivered: 'failed',
	error: 'failed',
	reply: 'reply',
};

/** A status word in any case; words the node does not know make an `unknown` event. */
export function statusEvent(value: unknown): CallbackEventName {
	return STATUS_EVENTS[String(value ?? '').toLowerCase()] ?? 'unknown';
}

/** Meta's error object, or Insider's, which has `type` where Meta has `title`. */
export function metaError(value: unknown): CallbackEventError | null {
	if (!isObject(value)) return null;
	const errorData = isObject(value.error_data) ? value.error_data : {};
	return {
		code: typeof value.code === 'number' ? value.code : str(value.code),
		title: str(value.title) ?? str(value.type),
		message: str(value.message),
		details: str(errorData.details) ?? str(value.details),
	};
}

/** One entry of `statuses[]`; `envelopeKey` is Insider's key when the status has none. */
export function statusFields(status: JsonObject, envelopeKey: string | null): EventFields {
	return {
		event: statusEvent(status.status),
		key: str(status.key) ?? envelopeKey,
		messageId: status.id,
		phoneNumber: status.recipient_id,
		timestamp: status.timestamp,
		error: metaError(asArray(status.errors)[0]),
	};
}

function replyOf(message: JsonObject): CallbackEventReply | null {
	const contextMessageId = isObject(message.context) ? str(message.context.id) : null;
	const interactive = isObject(message.interactive) ? message.interactive : {};
	if (isObject(interactive.button_reply)) {
		const { id, title } = interactive.button_reply;
		return { type: 'button', id: str(id), title: str(title), contextMessageId };
	}
	if (isObject(interactive.list_reply)) {
		const { id, title } = interactive.list_reply;
		return { type: 'list', id: str(id), title: str(title), contextMessageId };
	}
	if (message.type === 'button' && isObject(message.button)) {
		const { payload, text } = message.button;
		return { type: 'templateButton', id: str(payload), title: str(text), contextMessageId };
	}
	return null;
}

const CAPTIONED_MEDIA = ['image', 'video', 'document', 'audio', 'sticker'];

/** The text the contact wrote: a text body or a media caption. */
function textOf(message: JsonObject): string | null {
	if (isObject(message.text)) return str(message.text.body);
	for (const media of CAPTIONED_MEDIA) {
		const content = message[media];
		if (isObject(content)) return str(content.caption);
	}
	return null;
}

/** One entry of `messages[]`: a button tap is a `reply`, anything else a `message`. */
export function messageFields(message: JsonObject, envelopeKey: string | null): EventFields {
	const reply = replyOf(message);
	return {
		event: reply ? 'reply' : 'message',
		key: str(message.key) ?? envelopeKey,
		messageId: message.id,
		phoneNumber: message.from,
		timestamp: message.timestamp,
		reply,
		text: reply ? null : textOf(message),
	};
}
