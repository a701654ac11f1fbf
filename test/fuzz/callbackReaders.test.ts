/**
 * Property-based tests of the callback readers (the trigger's and Read Callback Events' shared
 * reading of a body): whatever a sender posts, they never throw, every event has the documented
 * item shape, the output stays within the caps, and the work stays proportional to parsing.
 */
import fc from 'fast-check';

import { CALLBACK_EVENT_NAMES } from '../../nodes/shared/callbackEvent';
import { toItem } from '../../nodes/shared/callbackItem';
import { CALLBACK_LIMITS } from '../../nodes/shared/callbackLimits';
import { MAX_RAW_DEPTH } from '../../nodes/shared/boundedDepth';
import { INBOUND_LIMITS } from '../../nodes/shared/inboundMessages';
import { readCallbackEvents } from '../../nodes/shared/readCallbackEvents';
import { cpuMillis } from '../support/cpuTime';
import { ITEM_KEYS } from '../trigger/expectedItems';
import { anyBody, deeplyNested, hugeString, jsonText, metaShaped } from './arbitraries';

const nullableString = (value: unknown) => value === null || typeof value === 'string';
const nullableStrings = (object: Record<string, unknown>, names: string[]) =>
	names.every((name) => nullableString(object[name]));

const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'];
/** The one content field each known inbound type fills; every other content field is null. */
const CONTENT_OF_TYPE = new Map<string, string>([
	['location', 'location'],
	['contacts', 'contacts'],
	['reaction', 'reaction'],
	...MEDIA_TYPES.map((type) => [type, 'media'] as [string, string]),
]);
const CONTENT_FIELDS = ['media', 'location', 'contacts', 'reaction'];

/** The inbound-message fields (README, "Output"): which are filled, and each one's shape. */
function expectInboundShape(item: Record<string, unknown>): void {
	const type = item.messageType as string | null;
	expect(nullableString(type) && nullableString(item.phoneNumberId)).toBe(true);
	if (item.event === 'message') expect(type).not.toBeNull();
	// A reply is a tap in a message, or a flat status saying `reply` (no message type).
	if (item.event === 'reply' && type !== null) expect(['interactive', 'button']).toContain(type);
	const filled = item.event === 'message' ? CONTENT_OF_TYPE.get(type as string) : undefined;
	for (const name of CONTENT_FIELDS) expect(item[name] !== null).toBe(name === filled);
	const media = item.media as Record<string, unknown> | null;
	if (media !== null) {
		expect(Object.keys(media)).toEqual([
			'id',
			'mimeType',
			'sha256',
			'caption',
			'filename',
			'voice',
		]);
		expect(nullableStrings(media, ['id', 'mimeType', 'sha256', 'caption', 'filename'])).toBe(true);
		expect(media.voice === true ? type === 'audio' : media.voice === false).toBe(true);
		expect(item.text).toBe(media.caption);
	}
	const location = item.location as Record<string, unknown> | null;
	if (location !== null) {
		expect(Object.keys(location)).toEqual(['latitude', 'longitude', 'name', 'address', 'url']);
		for (const name of ['latitude', 'longitude']) {
			expect(location[name] === null || Number.isFinite(location[name])).toBe(true);
		}
		expect(nullableStrings(location, ['name', 'address', 'url'])).toBe(true);
	}
	const contacts = item.contacts as Array<Record<string, unknown>> | null;
	if (contacts !== null) {
		expect(contacts.length).toBeLessThanOrEqual(INBOUND_LIMITS.contactsPerMessage);
		for (const contact of contacts) {
			expect(Object.keys(contact)).toEqual(['name', 'phones', 'emails']);
			const phones = contact.phones as Array<Record<string, unknown>>;
			const emails = contact.emails as Array<Record<string, unknown>>;
			expect(phones.length).toBeLessThanOrEqual(INBOUND_LIMITS.phonesPerContact);
			expect(emails.length).toBeLessThanOrEqual(INBOUND_LIMITS.emailsPerContact);
			expect(phones.every((phone) => nullableStrings(phone, ['phone', 'waId', 'type']))).toBe(true);
			expect(emails.every((email) => nullableStrings(email, ['email', 'type']))).toBe(true);
		}
	}
	const reaction = item.reaction as Record<string, unknown> | null;
	if (reaction !== null) {
		expect(Object.keys(reaction)).toEqual(['messageId', 'emoji']);
		expect(nullableStrings(reaction, ['messageId', 'emoji'])).toBe(true);
	}
}

function depthOf(value: unknown): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[value, 0]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop() as [unknown, number];
		if (typeof current !== 'object' || current === null) continue;
		deepest = Math.max(deepest, depth + 1);
		for (const child of Object.values(current)) stack.push([child, depth + 1]);
	}
	return deepest;
}

/** The documented item shape (README, "Output"), field by field. */
function expectItemShape(item: Record<string, unknown>): void {
	expect(Object.keys(item)).toEqual(ITEM_KEYS);
	expectInboundShape(item);
	expect(CALLBACK_EVENT_NAMES).toContain(item.event);
	for (const name of ['key', 'messageId', 'phoneNumber', 'text']) {
		expect(nullableString(item[name])).toBe(true);
	}
	if (item.phoneNumber !== null) expect(item.phoneNumber).toMatch(/^\+/);
	expect(new Date(item.timestamp as string).toISOString()).toBe(item.timestamp);
	const error = item.error as Record<string, unknown> | null;
	if (error !== null) expect(Object.keys(error)).toEqual(['code', 'title', 'message', 'details']);
	const reply = item.reply as Record<string, unknown> | null;
	if (reply !== null) {
		expect(['button', 'list', 'templateButton']).toContain(reply.type);
		expect(nullableString(reply.id) && nullableString(reply.title)).toBe(true);
	}
	// n8n saves and passes items on with recursive functions: they must stay shallow enough.
	expect(depthOf(item.raw)).toBeLessThanOrEqual(MAX_RAW_DEPTH + 1);
	expect(() => JSON.stringify(item)).not.toThrow();
}

describe('whatever the body, the readers', () => {
	test('never throw, and give well-shaped items within the caps, or a reason', () => {
		fc.assert(
			fc.property(anyBody, (body) => {
				const reading = readCallbackEvents(body, CALLBACK_EVENT_NAMES);
				if ('events' in reading) {
					expect(reading.events.length).toBeLessThanOrEqual(CALLBACK_LIMITS.eventsPerBody);
					for (const event of reading.events) expectItemShape(toItem(event, true));
				} else {
					const reason = 'notJson' in reading ? reading.notJson : reading.tooLarge;
					expect(typeof reason).toBe('string');
				}
			}),
			{ numRuns: 300 },
		);
	});

	test('read every Meta-shaped payload into at least one event', () => {
		fc.assert(
			fc.property(metaShaped, (payload) => {
				const reading = readCallbackEvents(JSON.stringify(payload), CALLBACK_EVENT_NAMES);
				expect('events' in reading && reading.events.length).toBeGreaterThan(0);
			}),
			{ numRuns: 300 },
		);
	});

	test('read a deeply nested status as one unknown event instead of failing the body', () => {
		fc.assert(
			fc.property(deeplyNested, (text) => {
				const reading = readCallbackEvents(text, CALLBACK_EVENT_NAMES);
				expect('events' in reading && reading.events.map((event) => event.event)).toEqual([
					'unknown',
				]);
			}),
			{ numRuns: 30 },
		);
	});
});

/**
 * How many times longer reading `text` takes than JSON.parse of it. Both run often enough to
 * take milliseconds, side by side, several times; the smallest ratio counts, since a shared
 * machine only ever adds work (a collection, a compilation) to one side or the other, while a
 * slow reader is slow every time.
 */
function ratioToParse(text: string): number {
	const parse = () => {
		try {
			JSON.parse(text);
		} catch {
			/* the reader pays for the same failed parse */
		}
	};
	const read = () => readCallbackEvents(text, CALLBACK_EVENT_NAMES);
	const times = Math.max(1, Math.ceil(2 / Math.max(cpuMillis(parse, 1), 0.001)));
	let best = Infinity;
	for (let round = 0; round < 5; round++) {
		best = Math.min(best, cpuMillis(read, times) / Math.max(cpuMillis(parse, times), 0.001));
	}
	return best;
}

/** `count` inbound messages, cycling through every type the readers know. */
function everyInboundType(count: number) {
	const media = { id: '1', mime_type: 'image/png', sha256: 'x', caption: 'c', voice: true };
	const kinds = [
		{ type: 'text', text: { body: 'hello' } },
		{ type: 'interactive', interactive: { button_reply: { id: 'a', title: 'A' } } },
		{ type: 'button', button: { payload: 'P', text: 'T' } },
		...MEDIA_TYPES.map((type) => ({ type, [type]: media })),
		{ type: 'location', location: { latitude: '41.0', longitude: 29.1, name: 'n' } },
		{ type: 'contacts', contacts: [{ name: { formatted_name: 'n' }, phones: [{ phone: '1' }] }] },
		{ type: 'reaction', reaction: { message_id: 'wamid.1', emoji: '👍' } },
		{ type: 'order', order: {} },
	];
	return Array.from({ length: count }, (_, i) => ({
		from: '15550001111',
		id: `wamid.${i}`,
		timestamp: '1750263800',
		...kinds[i % kinds.length],
	}));
}

describe('the work one body costs', () => {
	/**
	 * Reading a body is parsing it plus a walk over what was parsed; so it may cost a small
	 * multiple of JSON.parse on the same text, never more. The ratio, not a time, is asserted.
	 */
	const RATIO = 100;

	test.each([
		['8 MB of zeros in an array', `[${'0,'.repeat(4_000_000)}0]`],
		[
			'1,000 status envelopes',
			JSON.stringify(
				Array.from({ length: 1000 }, (_, i) => ({ key: `whatsapp-${i}`, status: 'sent' })),
			),
		],
		[
			'a status nested 3,217 levels deep',
			`{"key":"k","status":${'['.repeat(3217)}0${']'.repeat(3217)}}`,
		],
		['a long dotted string', JSON.stringify({ key: '.'.repeat(2_000_000), status: 'sent' })],
		['1,000 inbound messages of every type', JSON.stringify({ messages: everyInboundType(1000) })],
		[
			'a contacts message of 9,000 phone numbers',
			JSON.stringify({
				messages: [
					{
						type: 'contacts',
						contacts: Array.from({ length: 300 }, () => ({
							name: { formatted_name: 'x' },
							phones: Array.from({ length: 30 }, (_, i) => ({ phone: String(i), wa_id: '1' })),
						})),
					},
				],
			}),
		],
	])('%s: within a fixed ratio of JSON.parse', (_name, text) => {
		expect(ratioToParse(text)).toBeLessThanOrEqual(RATIO);
	});

	test('random bodies read within the same ratio of parsing them', () => {
		fc.assert(
			fc.property(fc.oneof(jsonText, hugeString), (text) => {
				expect(ratioToParse(text)).toBeLessThanOrEqual(RATIO);
			}),
			{ numRuns: 25 },
		);
	});
});
