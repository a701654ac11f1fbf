/**
 * Bodies a hostile or broken sender could post, for the property-based tests of every reader of
 * outside data: random JSON, Meta-shaped envelopes with random fields, prototype keys, deep
 * nesting, huge strings, truncated text and random bytes.
 */
import fc from 'fast-check';

/** Keys that reach a prototype when a reader indexes a plain object with payload text. */
export const PROTOTYPE_KEYS = [
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'valueOf',
	'hasOwnProperty',
];

/** A JSON value that may carry prototype keys, as text (JSON.parse makes them own properties). */
const withPrototypeKeys = fc
	.tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.jsonValue({ maxDepth: 2 }))
	.map(
		([key, value]) =>
			`{${JSON.stringify(key)}:${JSON.stringify(value)},"status":${JSON.stringify(key)}}`,
	);

/** Status words and ids as Meta and Insider use them, with hostile ones mixed in. */
const word = fc.oneof(
	fc.constantFrom('sent', 'delivered', 'read', 'failed', 'accepted', 'reply', ...PROTOTYPE_KEYS),
	fc.string({ maxLength: 12 }),
	fc.jsonValue({ maxDepth: 2 }),
);

const status = fc.record(
	{
		id: word,
		status: word,
		timestamp: word,
		recipient_id: word,
		key: word,
		errors: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }),
	},
	{ requiredKeys: [] },
);

/** The inbound message types the readers know. */
const KNOWN_TYPES = [
	'text',
	'interactive',
	'button',
	'image',
	'audio',
	'video',
	'document',
	'sticker',
	'location',
	'contacts',
	'reaction',
];

/** Meta's inbound message types, others Meta sends, and hostile words. */
const messageType = fc.oneof(
	fc.constantFrom(...KNOWN_TYPES, 'order', 'unsupported', ...PROTOTYPE_KEYS),
	word,
);

const mediaObject = fc.record(
	{
		id: word,
		mime_type: word,
		sha256: word,
		caption: word,
		filename: word,
		voice: fc.oneof(fc.boolean(), word),
	},
	{ requiredKeys: [] },
);

/** Coordinates as numbers, as numeric or other text, or anything else. */
const coordinate = fc.oneof(
	fc.double(),
	fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
	fc.constantFrom('1e3', '0x10', ' ', '-', '12.', '+1.5', 'Infinity'),
	word,
);

const contactCard = fc.record(
	{
		name: fc.oneof(fc.record({ formatted_name: word }, { requiredKeys: [] }), word),
		phones: fc.array(
			fc.oneof(fc.record({ phone: word, wa_id: word, type: word }, { requiredKeys: [] }), word),
			{ maxLength: 3 },
		),
		emails: fc.array(fc.record({ email: word, type: word }, { requiredKeys: [] }), {
			maxLength: 3,
		}),
	},
	{ requiredKeys: [] },
);

const messageFields = {
	from: word,
	id: word,
	timestamp: word,
	type: messageType,
	text: fc.record({ body: word }, { requiredKeys: [] }),
	interactive: fc.record(
		{
			button_reply: fc.record({ id: word, title: word }, { requiredKeys: [] }),
			list_reply: fc.record({ id: word, title: word }, { requiredKeys: [] }),
		},
		{ requiredKeys: [] },
	),
	button: fc.record({ payload: word, text: word }, { requiredKeys: [] }),
	context: fc.record({ id: word }, { requiredKeys: [] }),
	image: mediaObject,
	audio: mediaObject,
	video: mediaObject,
	document: mediaObject,
	sticker: mediaObject,
	location: fc.record(
		{ latitude: coordinate, longitude: coordinate, name: word, address: word, url: word },
		{ requiredKeys: [] },
	),
	contacts: fc.oneof(fc.array(contactCard, { maxLength: 3 }), word),
	reaction: fc.record({ message_id: word, emoji: word }, { requiredKeys: [] }),
	errors: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }),
};

/** Any subset of a message's fields, with any type. */
const message = fc.record(messageFields, { requiredKeys: [] });

/** A message of a known type holding every field, so the object its type names is there. */
const typedMessage = fc
	.tuple(fc.constantFrom(...KNOWN_TYPES), fc.record(messageFields))
	.map(([type, fields]) => ({ ...fields, type }));

const value = fc.record(
	{
		metadata: fc.record({ phone_number_id: word }, { requiredKeys: [] }),
		statuses: fc.array(status, { maxLength: 4 }),
		messages: fc.array(fc.oneof(message, typedMessage), { maxLength: 4 }),
		key: word,
	},
	{ requiredKeys: [] },
);

/** Meta's envelope, its inner value, Insider's events and flat statuses, with random fields. */
export const metaShaped = fc.oneof(
	fc.record({
		object: word,
		entry: fc.array(
			fc.record({
				id: word,
				changes: fc.array(fc.record({ field: word, value }), { maxLength: 3 }),
			}),
			{ maxLength: 3 },
		),
		key: word,
	}),
	value,
	fc.record({ error: fc.jsonValue({ maxDepth: 2 }), key: word }),
	fc.record({ key: word, id: word, status: word, event: word }, { requiredKeys: [] }),
	fc.record({
		contacts: fc.array(fc.jsonValue({ maxDepth: 2 })),
		messages: fc.array(word),
		key: word,
	}),
);

/** A nesting of `depth` arrays or objects around a value, as text (the parser is iterative). */
export const deeplyNested = fc
	.tuple(fc.integer({ min: 100, max: 5000 }), fc.boolean(), fc.boolean())
	.map(([depth, objects, asStatus]) => {
		const open = objects ? '{"a":' : '[';
		const close = objects ? '}' : ']';
		const nested = `${open.repeat(depth)}0${close.repeat(depth)}`;
		return asStatus ? `{"key":"k","status":${nested}}` : nested;
	});

/** One long string in an otherwise ordinary body. */
export const hugeString = fc
	.tuple(fc.integer({ min: 10_000, max: 400_000 }), fc.constantFrom('a', '.', '🚚', ' ', '*'))
	.map(([length, character]) =>
		JSON.stringify({ key: character.repeat(length), status: character.repeat(length) }),
	);

/** JSON text: any of the above, or a JSON array of many of them. */
export const jsonText = fc.oneof(
	fc.jsonValue().map((json) => JSON.stringify(json)),
	metaShaped.map((json) => JSON.stringify(json)),
	fc.array(metaShaped, { maxLength: 20 }).map((json) => JSON.stringify(json)),
	withPrototypeKeys,
	deeplyNested,
	hugeString,
);

/** What a reader may be handed: JSON text, its truncation, random bytes, or a parsed value. */
export const anyBody = fc.oneof(
	jsonText,
	jsonText.chain((text) => fc.nat(text.length).map((cut) => text.slice(0, cut))),
	fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
	jsonText.map((text) => JSON.parse(text) as unknown),
);
