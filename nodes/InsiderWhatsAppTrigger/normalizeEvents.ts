/**
 * Turns whatever Insider posts into one item per status or message. Insider documents only
 * part of its callback shapes, so this is liberal in what it reads (Meta's full envelope or
 * its inner value, Insider's accepted and error events, flat objects) and strict in what it
 * emits. Nothing is dropped: an unrecognised payload becomes one `unknown` event.
 */

export type TriggerEventName =
	| 'accepted'
	| 'sent'
	| 'delivered'
	| 'read'
	| 'failed'
	| 'reply'
	| 'message'
	| 'unknown';

export const TRIGGER_EVENT_NAMES: TriggerEventName[] = [
	'accepted',
	'sent',
	'delivered',
	'read',
	'failed',
	'reply',
	'message',
	'unknown',
];

export interface TriggerEventError {
	code: number | string | null;
	title: string | null;
	message: string | null;
	details: string | null;
}

export interface TriggerEventReply {
	type: 'button' | 'list' | 'templateButton';
	id: string | null;
	title: string | null;
	contextMessageId: string | null;
}

export interface TriggerEvent {
	event: TriggerEventName;
	key: string | null;
	messageId: string | null;
	phoneNumber: string | null;
	timestamp: string;
	error: TriggerEventError | null;
	reply: TriggerEventReply | null;
	text: string | null;
	raw: unknown;
	/** The timestamp as the payload gave it, for recognising a retried delivery; not emitted. */
	sourceTimestamp: string | null;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | null =>
	typeof value === 'string' && value !== ''
		? value
		: typeof value === 'number'
			? String(value)
			: null;

/** Meta sends digits without the plus; we emit E.164 like the action node does. */
function phone(value: unknown): string | null {
	const text = str(value);
	if (!text) return null;
	return text.startsWith('+') ? text : `+${text}`;
}

function isoTimestamp(value: unknown, receivedAt: Date): string {
	const text = str(value);
	if (text && /^\d{9,13}$/.test(text)) {
		const number = Number(text);
		return new Date(text.length > 10 ? number : number * 1000).toISOString();
	}
	if (text && !Number.isNaN(Date.parse(text))) return new Date(text).toISOString();
	return receivedAt.toISOString();
}

function statusName(value: unknown): TriggerEventName {
	const status = String(value ?? '').toLowerCase();
	const known: Record<string, TriggerEventName> = {
		accepted: 'accepted',
		sent: 'sent',
		delivered: 'delivered',
		read: 'read',
		failed: 'failed',
		undelivered: 'failed',
		error: 'failed',
		reply: 'reply',
	};
	return known[status] ?? 'unknown';
}

function metaError(value: unknown): TriggerEventError | null {
	if (!isObject(value)) return null;
	const errorData = isObject(value.error_data) ? value.error_data : {};
	return {
		code: typeof value.code === 'number' ? value.code : str(value.code),
		title: str(value.title) ?? str(value.type),
		message: str(value.message),
		details: str(errorData.details) ?? str(value.details),
	};
}

function baseEvent(event: TriggerEventName, raw: unknown, receivedAt: Date): TriggerEvent {
	return {
		event,
		key: null,
		messageId: null,
		phoneNumber: null,
		timestamp: receivedAt.toISOString(),
		error: null,
		reply: null,
		text: null,
		raw,
		sourceTimestamp: null,
	};
}

function fromStatus(status: Json, key: string | null, receivedAt: Date): TriggerEvent {
	const event = baseEvent(statusName(status.status), status, receivedAt);
	event.key = str(status.key) ?? key;
	event.messageId = str(status.id);
	event.phoneNumber = phone(status.recipient_id);
	event.sourceTimestamp = str(status.timestamp);
	event.timestamp = isoTimestamp(status.timestamp, receivedAt);
	const errors = asArray(status.errors);
	event.error = metaError(errors[0]);
	if (event.event === 'failed' && !event.error)
		event.error = { code: null, title: null, message: 'failed', details: null };
	return event;
}

function replyOf(message: Json): TriggerEventReply | null {
	const contextMessageId = isObject(message.context) ? str(message.context.id) : null;
	const interactive = isObject(message.interactive) ? message.interactive : undefined;
	if (interactive && isObject(interactive.button_reply)) {
		return {
			type: 'button',
			id: str(interactive.button_reply.id),
			title: str(interactive.button_reply.title),
			contextMessageId,
		};
	}
	if (interactive && isObject(interactive.list_reply)) {
		return {
			type: 'list',
			id: str(interactive.list_reply.id),
			title: str(interactive.list_reply.title),
			contextMessageId,
		};
	}
	if (message.type === 'button' && isObject(message.button)) {
		return {
			type: 'templateButton',
			id: str(message.button.payload),
			title: str(message.button.text),
			contextMessageId,
		};
	}
	return null;
}

function textOf(message: Json): string | null {
	if (isObject(message.text)) return str(message.text.body);
	for (const media of ['image', 'video', 'document', 'audio', 'sticker']) {
		if (isObject(message[media])) return str((message[media] as Json).caption);
	}
	return null;
}

function fromMessage(message: Json, key: string | null, receivedAt: Date): TriggerEvent {
	const reply = replyOf(message);
	const event = baseEvent(reply ? 'reply' : 'message', message, receivedAt);
	event.key = str(message.key) ?? key;
	event.messageId = str(message.id);
	event.phoneNumber = phone(message.from);
	event.sourceTimestamp = str(message.timestamp);
	event.timestamp = isoTimestamp(message.timestamp, receivedAt);
	event.reply = reply;
	event.text = reply ? null : textOf(message);
	return event;
}

/** A Meta `value` object: statuses and inbound messages, in that order. */
function fromValue(value: Json, key: string | null, receivedAt: Date): TriggerEvent[] {
	const ownKey = str(value.key) ?? key;
	return [
		...asArray(value.statuses)
			.filter(isObject)
			.map((status) => fromStatus(status, ownKey, receivedAt)),
		...asArray(value.messages)
			.filter(isObject)
			.map((message) => fromMessage(message, ownKey, receivedAt)),
	];
}

function isAcceptedEvent(body: Json): boolean {
	const messages = asArray(body.messages);
	return (
		asArray(body.contacts).some((contact) => isObject(contact) && contact.input !== undefined) &&
		messages.length > 0 &&
		messages.every(
			(message) => isObject(message) && message.from === undefined && message.type === undefined,
		)
	);
}

function fromAccepted(body: Json, receivedAt: Date): TriggerEvent {
	const event = baseEvent('accepted', body, receivedAt);
	const contact = asArray(body.contacts).find(isObject);
	const message = asArray(body.messages).find(isObject);
	event.key = str(body.key);
	event.messageId = message ? str(message.id) : null;
	event.phoneNumber = contact ? (phone(contact.input) ?? phone(contact.wa_id)) : null;
	return event;
}

function fromInsiderError(body: Json, receivedAt: Date): TriggerEvent {
	const event = baseEvent('failed', body, receivedAt);
	event.key = str(body.key);
	event.error = metaError(body.error);
	return event;
}

function fromFlat(body: Json, receivedAt: Date): TriggerEvent {
	const event = baseEvent(statusName(body.status ?? body.event), body, receivedAt);
	const id = str(body.id);
	event.key = str(body.key) ?? (id?.startsWith('whatsapp-') ? id : null);
	event.messageId =
		str(body.messageId) ?? str(body.message_id) ?? (id && !id.startsWith('whatsapp-') ? id : null);
	event.phoneNumber = phone(body.phoneNumber ?? body.recipient_id ?? body.to);
	event.sourceTimestamp = str(body.timestamp);
	event.timestamp = isoTimestamp(body.timestamp, receivedAt);
	event.error = metaError(body.error) ?? metaError(asArray(body.errors)[0]);
	return event;
}

/** Every event in one request body. Never empty: an unrecognised body is one `unknown` event. */
export function normalizeEvents(body: unknown, receivedAt = new Date()): TriggerEvent[] {
	if (!isObject(body)) return [baseEvent('unknown', body, receivedAt)];
	const envelopeKey = str(body.key);
	let events: TriggerEvent[] = [];
	if (Array.isArray(body.entry)) {
		for (const entry of body.entry.filter(isObject)) {
			for (const change of asArray(entry.changes).filter(isObject)) {
				if (isObject(change.value))
					events.push(...fromValue(change.value, envelopeKey, receivedAt));
			}
		}
	} else if (isAcceptedEvent(body)) {
		events = [fromAccepted(body, receivedAt)];
	} else if (Array.isArray(body.statuses) || Array.isArray(body.messages)) {
		events = fromValue(body, envelopeKey, receivedAt);
	} else if (isObject(body.error)) {
		events = [fromInsiderError(body, receivedAt)];
	} else if (
		(body.key !== undefined || body.id !== undefined) &&
		(body.status !== undefined || body.event !== undefined)
	) {
		events = [fromFlat(body, receivedAt)];
	}
	return events.length ? events : [baseEvent('unknown', body, receivedAt)];
}
