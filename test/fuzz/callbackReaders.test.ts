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
import { readCallbackEvents } from '../../nodes/shared/readCallbackEvents';
import { anyBody, deeplyNested, hugeString, jsonText, metaShaped } from './arbitraries';

const ITEM_KEYS = [
	'event',
	'key',
	'messageId',
	'phoneNumber',
	'timestamp',
	'error',
	'reply',
	'text',
	'raw',
];
const nullableString = (value: unknown) => value === null || typeof value === 'string';

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

/** Milliseconds `run` takes `times` times in a row. */
function timed(run: () => unknown, times: number): number {
	const started = performance.now();
	for (let round = 0; round < times; round++) run();
	return performance.now() - started;
}

/**
 * How many times longer reading `text` takes than JSON.parse of it. Both run often enough to
 * take milliseconds, side by side, several times; the smallest ratio counts, since a shared
 * machine only ever adds time to one side or the other, while a slow reader is slow every time.
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
	const times = Math.max(1, Math.ceil(2 / Math.max(timed(parse, 1), 0.001)));
	let best = Infinity;
	for (let round = 0; round < 5; round++) {
		best = Math.min(best, timed(read, times) / Math.max(timed(parse, times), 0.001));
	}
	return best;
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
