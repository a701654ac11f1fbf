/**
 * Property-based tests of the other readers of outside data: Insider's answers to a send (status,
 * headers, any body, as n8n hands them over), a Retry-After header, and the token a request
 * presents to the trigger. Whatever they hold, the readers never throw and stay in their ranges.
 */
import fc from 'fast-check';

import { presentedToken } from '../../nodes/InsiderWhatsAppTrigger/authentication';
import { parseRetryAfter } from '../../nodes/InsiderWhatsApp/transport/backoff';
import { classifyResponse } from '../../nodes/InsiderWhatsApp/transport/insiderClient';
import { deeplyNested, PROTOTYPE_KEYS } from './arbitraries';

const body = fc.oneof(
	fc.jsonValue({ maxDepth: 4 }),
	fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
	fc.record(
		{
			keys: fc.oneof(fc.array(fc.string(), { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })),
			error: fc.record({ code: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] }),
			errorCode: fc.jsonValue({ maxDepth: 2 }),
			code: fc.oneof(
				fc.constantFrom(2002, 2020, 1088, '2002', '429'),
				fc.jsonValue({ maxDepth: 2 }),
			),
			errors: fc.jsonValue({ maxDepth: 2 }),
			message: fc.jsonValue({ maxDepth: 2 }),
		},
		{ requiredKeys: [] },
	),
	deeplyNested.map((text) => JSON.parse(text) as unknown),
	deeplyNested,
);
const retryAfter = fc.oneof(
	fc.constantFrom(
		undefined,
		'',
		'-5',
		'1e999',
		'NaN',
		'Infinity',
		'0',
		'120',
		'Wed, 21 Oct 2015 07:28:00 GMT',
	),
	fc.string({ maxLength: 40 }),
	fc.double(),
	fc.jsonValue({ maxDepth: 2 }),
);

test("Insider's answer, whatever it holds, is classified without throwing", () => {
	fc.assert(
		fc.property(
			fc.integer({ min: 100, max: 599 }),
			body,
			retryAfter,
			fc.integer({ min: 0, max: 60 }),
			(statusCode, answer, header, messages) => {
				const outcome = classifyResponse(
					{ statusCode, headers: { 'retry-after': header }, body: answer },
					messages,
				);
				expect(['accepted', 'retry', 'invalid', 'rejected', 'fatal', 'unknown']).toContain(
					outcome.kind,
				);
				if (outcome.kind === 'accepted') expect(outcome.keys).toHaveLength(messages);
				if (outcome.kind === 'retry') {
					const failure = outcome.giveUp(3);
					expect(typeof failure.message).toBe('string');
				} else if (outcome.kind !== 'accepted') {
					expect(typeof outcome.failure.message).toBe('string');
					expect(typeof outcome.failure.description).toBe('string');
				}
			},
		),
		{ numRuns: 1500 },
	);
});

test('a Retry-After is a bounded, non-negative delay or nothing', () => {
	fc.assert(
		fc.property(retryAfter, (header) => {
			const delay = parseRetryAfter(header);
			if (delay === undefined) return;
			expect(Number.isFinite(delay)).toBe(true);
			expect(delay).toBeGreaterThanOrEqual(0);
		}),
		{ numRuns: 1500 },
	);
});

test('the token a request presents is read without throwing, whatever its headers and query', () => {
	const header = fc.oneof(
		fc.string({ maxLength: 60 }),
		fc.string({ maxLength: 60 }).map((token) => `Bearer ${token}`),
		fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
		fc.constant(undefined),
	);
	const query = fc.oneof(
		fc.dictionary(
			fc.oneof(fc.constantFrom('token', ...PROTOTYPE_KEYS), fc.string({ maxLength: 6 })),
			fc.jsonValue({ maxDepth: 2 }),
		),
		fc.jsonValue({ maxDepth: 2 }),
	);
	fc.assert(
		fc.property(
			fc.constantFrom('bearerToken', 'urlToken', 'none' as const),
			header,
			query,
			(mode, authorization, parameters) => {
				const token = presentedToken(mode, { authorization: authorization as string }, parameters);
				expect(typeof token).toBe('string');
			},
		),
		{ numRuns: 1500 },
	);
});
