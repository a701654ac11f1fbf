/**
 * Turns one payload Insider posts into one event per status or message. Insider documents only
 * part of its callback shapes, so this is liberal in what it reads and strict in what it emits.
 * The shapes it knows are the table below, tried in order; nothing is dropped: a payload that
 * matches none, or matches but holds no status or message, becomes one `unknown` event.
 * Every array is walked through a ReadBudget, so one body costs bounded work.
 */
import type { CallbackEvent, EventFields } from './callbackEvent';
import { createEvent } from './callbackEvent';
import { ReadBudget } from './callbackLimits';
import type { JsonObject } from './jsonValues';
import { field, isObject, objectField, objectsIn, str } from './jsonValues';
import { messageFields, metaError, statusEvent, statusFields } from './metaObjects';

/** What an extractor found: the fields of one event and the object it came from (`raw`). */
interface Found {
	fields: EventFields;
	raw: unknown;
}

interface PayloadShape {
	/** Says what the shape is; the table reads as documentation. */
	name: string;
	recognise: (payload: JsonObject, budget: ReadBudget) => boolean;
	extract: (payload: JsonObject, budget: ReadBudget) => Found[];
}

/**
 * A Meta `value` object: statuses, then inbound messages, each keeping its own object as raw,
 * each with the business number's id from the value's `metadata`.
 */
function fromValue(value: JsonObject, outerKey: string | null, budget: ReadBudget): Found[] {
	const key = str(field(value, 'key')) ?? outerKey;
	const phoneNumberId = field(objectField(value, 'metadata'), 'phone_number_id');
	return [
		...objectsIn(budget, value, 'statuses').map((status) => ({
			fields: { ...statusFields(status, key), phoneNumberId },
			raw: status,
		})),
		...objectsIn(budget, value, 'messages').map((message) => ({
			fields: { ...messageFields(message, key, budget), phoneNumberId },
			raw: message,
		})),
	];
}

/** Meta's send response as Insider forwards it: contacts with `input`, messages with only ids. */
function isAcceptedResponse(payload: JsonObject, budget: ReadBudget): boolean {
	const messages = budget.walk(field(payload, 'messages'));
	return (
		budget
			.walk(field(payload, 'contacts'))
			.some((contact) => field(contact, 'input') !== undefined) &&
		messages.length > 0 &&
		messages.every(
			(message) =>
				isObject(message) &&
				field(message, 'from') === undefined &&
				field(message, 'type') === undefined,
		)
	);
}

function acceptedFields(payload: JsonObject, budget: ReadBudget): EventFields {
	const contact = objectsIn(budget, payload, 'contacts')[0];
	const message = objectsIn(budget, payload, 'messages')[0];
	return {
		event: 'accepted',
		key: field(payload, 'key'),
		messageId: field(message, 'id'),
		phoneNumber: str(field(contact, 'input')) ?? field(contact, 'wa_id'),
	};
}

/** A flat object naming one status; an `id` that looks like Insider's key is the key. */
function flatFields(payload: JsonObject): EventFields {
	const id = str(field(payload, 'id'));
	const idIsKey = id?.startsWith('whatsapp-') ?? false;
	const errors = field(payload, 'errors');
	return {
		event: statusEvent(field(payload, 'status') ?? field(payload, 'event')),
		key: str(field(payload, 'key')) ?? (idIsKey ? id : null),
		messageId:
			str(field(payload, 'messageId')) ??
			str(field(payload, 'message_id')) ??
			(idIsKey ? null : id),
		phoneNumber:
			field(payload, 'phoneNumber') ?? field(payload, 'recipient_id') ?? field(payload, 'to'),
		timestamp: field(payload, 'timestamp'),
		error:
			metaError(field(payload, 'error')) ??
			metaError(Array.isArray(errors) ? errors[0] : undefined),
	};
}

const has = (payload: JsonObject, name: string) => field(payload, name) !== undefined;

/** The shapes Insider may post, most specific first. */
const PAYLOAD_SHAPES: PayloadShape[] = [
	{
		name: "Meta's full webhook envelope: entry[].changes[].value",
		recognise: (payload) => Array.isArray(field(payload, 'entry')),
		extract: (payload, budget) => {
			const key = str(field(payload, 'key'));
			return objectsIn(budget, payload, 'entry')
				.flatMap((entry) => objectsIn(budget, entry, 'changes'))
				.flatMap((change) => {
					const value = objectField(change, 'value');
					return value ? fromValue(value, key, budget) : [];
				});
		},
	},
	{
		name: "Insider's accepted event: Meta's send response with Insider's key",
		recognise: isAcceptedResponse,
		extract: (payload, budget) => [{ fields: acceptedFields(payload, budget), raw: payload }],
	},
	{
		name: "The inner value of Meta's envelope: statuses[] and messages[]",
		recognise: (payload) =>
			Array.isArray(field(payload, 'statuses')) || Array.isArray(field(payload, 'messages')),
		extract: (payload, budget) => fromValue(payload, null, budget),
	},
	{
		name: "Insider's error event: an error object with Insider's key",
		recognise: (payload) => objectField(payload, 'error') !== null,
		extract: (payload) => [
			{
				fields: {
					event: 'failed',
					key: field(payload, 'key'),
					error: metaError(field(payload, 'error')),
				},
				raw: payload,
			},
		],
	},
	{
		name: 'A flat status: a key or id with a status or event',
		recognise: (payload) =>
			(has(payload, 'key') || has(payload, 'id')) &&
			(has(payload, 'status') || has(payload, 'event')),
		extract: (payload) => [{ fields: flatFields(payload), raw: payload }],
	},
];

/**
 * Every event in one payload, counted against `budget` (once it is over a cap, what comes back
 * is to be discarded). Never empty: an unrecognised payload is one `unknown` event.
 */
export function normalizeEvents(
	payload: unknown,
	receivedAt = new Date(),
	budget = new ReadBudget(),
): CallbackEvent[] {
	const shape = isObject(payload)
		? PAYLOAD_SHAPES.find((candidate) => candidate.recognise(payload, budget))
		: undefined;
	const found = shape ? shape.extract(payload as JsonObject, budget) : [];
	budget.emit(Math.max(1, found.length));
	if (found.length === 0) return [createEvent({ event: 'unknown' }, payload, receivedAt)];
	return found.map(({ fields, raw }) => createEvent(fields, raw, receivedAt));
}

/**
 * The events of several payloads (the elements of a JSON array body), in order, in one budget;
 * or, for a body over the caps, why nothing of it is read.
 */
export function normalizePayloads(
	payloads: unknown[],
	receivedAt = new Date(),
): { events: CallbackEvent[] } | { tooLarge: string } {
	const budget = new ReadBudget();
	const events: CallbackEvent[] = [];
	for (const payload of payloads) {
		events.push(...normalizeEvents(payload, receivedAt, budget));
		if (budget.problem !== undefined) return { tooLarge: budget.problem };
	}
	return { events };
}
