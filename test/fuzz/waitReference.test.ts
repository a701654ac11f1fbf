/**
 * Property-based tests of the wait-reference codec and the resume side, readers of outside data
 * (a tapped button id comes from anyone who can post to the trigger): whatever the id, parsing
 * never throws, and an id that parses resumes only this n8n's waiting webhook of one execution
 * and node, with only the signed parameters; the waiting node's judge never throws either.
 */
import fc from 'fast-check';

import type { WaitReference } from '../../nodes/shared/waitReference';
import {
	judgeTap,
	parseWaitReference,
	RESUME_PARAMETERS,
	RESUME_SIGNATURE_PARAMETER,
	resumeRequestUrl,
	userButtonIdOfTap,
	WAIT_REFERENCE_LIMITS,
} from '../../nodes/shared/waitReference';
import { PROTOTYPE_KEYS } from './arbitraries';

const BASE = 'https://n8n.example.com:8443/prefix/webhook-waiting';
const PHONE = '+15550001111';

/** `bytes` random bytes as base64url: a field that decodes exactly, as real ones do. */
const base64urlOf = (bytes: number) =>
	fc
		.uint8Array({ minLength: bytes, maxLength: bytes })
		.map((value) => Buffer.from(value).toString('base64url'));

/** Mostly the well-formed field, sometimes anything: so whole ids often parse, often not. */
const mostly = <T>(wellFormed: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
	fc.oneof({ arbitrary: wellFormed, weight: 5 }, { arbitrary: other, weight: 1 });

/** Ids that look like references: the right prefix and field count, anything in the fields. */
const referenceLike = fc
	.tuple(
		mostly(fc.stringMatching(/^[0-9]{1,20}$/), fc.string({ maxLength: 25 })),
		mostly(fc.stringMatching(/^[0-9]{1,7}$/), fc.string({ maxLength: 8 })),
		mostly(base64urlOf(16), fc.string({ maxLength: 30 })),
		mostly(base64urlOf(32), fc.string({ maxLength: 50 })),
		fc.oneof(
			fc.string({ maxLength: 140 }),
			fc.constantFrom('../../rest/x?signature=0&button=no#f', '%2e%2e%2f', ...PROTOTYPE_KEYS),
		),
	)
	.map((parts) => `n8nw1.${parts.join('.')}`);

const anyButtonId = fc.oneof(
	referenceLike,
	fc.string({ maxLength: 300 }),
	fc.string({ unit: 'grapheme', maxLength: 300 }),
	fc.constantFrom('n8nw1', 'n8nw1.', 'n8nw1s.1.2.3', 'n8nw1.1.0...'),
	fc.nat(100_000).map((length) => `n8nw1.${'9'.repeat(length)}`),
);

describe('whatever button id a tap carries', () => {
	test('parsing never throws, and a parsed id resumes only one waiting execution of this n8n', () => {
		let parsedCount = 0;
		fc.assert(
			fc.property(anyButtonId, fc.string({ maxLength: 30 }), (buttonId, from) => {
				const parsed = parseWaitReference(buttonId);
				expect(() => userButtonIdOfTap(buttonId, 'Yes')).not.toThrow();
				if (!parsed.valid) return;
				parsedCount++;
				const reference: WaitReference = parsed.reference;
				const url = new URL(resumeRequestUrl(BASE, reference, from));
				expect(url.origin).toBe('https://n8n.example.com:8443');
				expect(url.pathname).toMatch(
					/^\/prefix\/webhook-waiting\/[1-9][0-9]{0,18}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
				);
				expect([...url.searchParams.keys()]).toEqual([
					RESUME_PARAMETERS.button,
					RESUME_PARAMETERS.phoneNumber,
					RESUME_PARAMETERS.run,
					RESUME_SIGNATURE_PARAMETER,
				]);
				expect(url.searchParams.get(RESUME_SIGNATURE_PARAMETER)).toMatch(/^[0-9a-f]{64}$/);
				expect(url.searchParams.get(RESUME_PARAMETERS.run)).toMatch(/^(0|[1-9][0-9]{0,5})$/);
				expect(url.hash).toBe('');
				expect([...reference.userButtonId].length).toBeLessThanOrEqual(
					WAIT_REFERENCE_LIMITS.userButtonId,
				);
			}),
			{ numRuns: 2000 },
		);
		// The generator reaches the parser's success path, not only its refusals.
		expect(parsedCount).toBeGreaterThan(50);
	});
});

describe("whatever a resume request holds, the waiting node's judge", () => {
	const wait = {
		phoneNumber: PHONE,
		run: '0',
		buttons: [
			{ id: 'yes', title: 'Yes' },
			{ id: 'no', title: 'No' },
		],
	};
	const query = fc
		.dictionary(
			fc.oneof(
				fc.constantFrom('button', 'phone', 'run', 'signature', ...PROTOTYPE_KEYS),
				fc.string({ maxLength: 8 }),
			),
			fc.oneof(fc.constantFrom('yes', 'no', PHONE, '0', '1'), fc.string({ maxLength: 20 })),
		)
		.map((parameters) => `/webhook-waiting/1/x?${new URLSearchParams(parameters).toString()}`);
	const body = fc.oneof(
		fc.jsonValue({ maxDepth: 3 }),
		fc.record(
			{
				key: fc.oneof(fc.string(), fc.jsonValue()),
				respondedAt: fc.oneof(fc.date().map(String), fc.string(), fc.jsonValue()),
			},
			{ requiredKeys: [] },
		),
	);

	test('never throws, and resumes only with one of its own buttons, its number and its run', () => {
		fc.assert(
			fc.property(fc.oneof(query, fc.string({ maxLength: 200 })), body, (url, tapBody) => {
				const verdict = judgeTap(url, tapBody, wait);
				if (!('resumed' in verdict)) return;
				expect(wait.buttons).toContainEqual(verdict.resumed.reply);
				expect(verdict.resumed.phoneNumber).toBe(PHONE);
				expect(new Date(verdict.resumed.respondedAt).toISOString()).toBe(
					verdict.resumed.respondedAt,
				);
				expect(
					verdict.resumed.key === null || /^[A-Za-z0-9_.:-]{1,200}$/.test(verdict.resumed.key),
				).toBe(true);
			}),
			{ numRuns: 2000 },
		);
	});
});
