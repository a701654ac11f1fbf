/**
 * Turns one payload Insider posts into one event per status or message. Insider documents only
 * part of its callback shapes, so this is liberal in what it reads and strict in what it emits.
 * The shapes it knows are the table below, tried in order; nothing is dropped: a payload that
 * matches none, or matches but holds no status or message, becomes one `unknown` event.
 */
import type { CallbackEvent, EventFields } from './callbackEvent';
import { createEvent } from './callbackEvent';
import type { JsonObject } from './jsonValues';
import { asArray, isObject, str } from './jsonValues';
import { messageFields, metaError, statusEvent, statusFields } from './metaObjects';

/** What an extractor found: the fields of one event and the object it came from (`raw`). */
interface Found {
	fields: EventFields;
	raw: unknown;
}

interface PayloadShape {
	/** Says what the shape is; the table reads as documentation. */
	name: string;
	recognise: (payload: JsonObject) => boolean;
	extract: (payload: JsonObject) => Found[];
}

/** A Meta `value` object: statuses, then inbound messages, each keeping its own object as raw. */
function fromValue(value: JsonObject, outerKey: string | null): Found[] {
	const key = str(value.key) ?? outerKey;
	return [
		...asArray(value.statuses)
			.filter(isObject)
			.map((status) => ({ fields: statusFields(status, key), raw: status })),
		...asArray(value.messages)
			.filter(isObject)
			.map((message) => ({ fields: messageFields(message, key), raw: message })),
	];
}

/** Meta's send response as Insider forwards it: contacts with `input`, messages with only ids. */
function isAcceptedResponse(payload: JsonObject): boolean {
	const messages = asArray(payload.messages);
	return (
		asArray(payload.contacts).some((contact) => isObject(contact) && contact.input !== undefined) &&
		messages.length > 0 &&
		messages.every(
			(message) => isObject(message) && message.from === undefined && message.type === undefined,
		)
	);
}

function acceptedFields(payload: JsonObject): EventFields {
	const contact = asArray(payload.contacts).find(isObject) ?? {};
	const message = asArray(payload.messages).find(isObject) ?? {};
	return {
		event: 'accepted',
		key: payload.key,
		messageId: message.id,
		phoneNumber: str(contact.input) ?? contact.wa_id,
	};
}

/** A flat object naming one status; an `id` that looks like Insider's key is the key. */
function flatFields(payload: JsonObject): EventFields {
	const id = str(payload.id);
	const idIsKey = id?.startsWith('whatsapp-') ?? false;
	return {
		event: statusEvent(payload.status ?? payload.event),
		key: str(payload.key) ?? (idIsKey ? id : null),
		messageId: str(payload.messageId) ?? str(payload.message_id) ?? (idIsKey ? null : id),
		phoneNumber: payload.phoneNumber ?? payload.recipient_id ?? payload.to,
		timestamp: payload.timestamp,
		error: metaError(payload.error) ?? metaError(asArray(payload.errors)[0]),
	};
}

/** The shapes Insider may post, most specific first. */
const PAYLOAD_SHAPES: PayloadShape[] = [
	{
		name: "Meta's full webhook envelope: entry[].changes[].value",
		recognise: (payload) => Array.isArray(payload.entry),
		extract: (payload) =>
			asArray(payload.entry)
				.filter(isObject)
				.flatMap((entry) => asArray(entry.changes).filter(isObject))
				.flatMap((change) =>
					isObject(change.value) ? fromValue(change.value, str(payload.key)) : [],
				),
	},
	{
		name: "Insider's accepted event: Meta's send response with Insider's key",
		recognise: isAcceptedResponse,
		extract: (payload) => [{ fields: acceptedFields(payload), raw: payload }],
	},
	{
		name: "The inner value of Meta's envelope: statuses[] and messages[]",
		recognise: (payload) => Array.isArray(payload.statuses) || Array.isArray(payload.messages),
		extract: (payload) => fromValue(payload, null),
	},
	{
		name: "Insider's error event: an error object with Insider's key",
		recognise: (payload) => isObject(payload.error),
		extract: (payload) => [
			{
				fields: { event: 'failed', key: payload.key, error: metaError(payload.error) },
				raw: payload,
			},
		],
	},
	{
		name: 'A flat status: a key or id with a status or event',
		recognise: (payload) =>
			(payload.key !== undefined || payload.id !== undefined) &&
			(payload.status !== undefined || payload.event !== undefined),
		extract: (payload) => [{ fields: flatFields(payload), raw: payload }],
	},
];

/** Every event in one payload. Never empty: an unrecognised payload is one `unknown` event. */
export function normalizeEvents(payload: unknown, receivedAt = new Date()): CallbackEvent[] {
	const shape = isObject(payload)
		? PAYLOAD_SHAPES.find((candidate) => candidate.recognise(payload))
		: undefined;
	const found = shape ? shape.extract(payload as JsonObject) : [];
	if (found.length === 0) return [createEvent({ event: 'unknown' }, payload, receivedAt)];
	return found.map(({ fields, raw }) => createEvent(fields, raw, receivedAt));
}

/** The events of several payloads (the elements of a JSON array body), in order. */
export function normalizePayloads(payloads: unknown[], receivedAt = new Date()): CallbackEvent[] {
	return payloads.flatMap((payload) => normalizeEvents(payload, receivedAt));
}
