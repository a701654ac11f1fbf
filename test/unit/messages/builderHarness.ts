/** Runs a message builder on plain parameters, the way the send pipeline hands them over. */
import type { IDataObject } from 'n8n-workflow';

import type {
	FieldReader,
	MessageBuilder,
} from '../../../nodes/InsiderWhatsApp/helpers/messages/messageInput';
import { MessageInputError } from '../../../nodes/InsiderWhatsApp/helpers/messages/messageInput';

export type Params = Record<string, unknown>;

/** Like getNodeParameter: dotted names reach into collections, missing ones give the fallback. */
export function fieldReader(params: Params): FieldReader {
	return <T>(name: string, fallback: T): T => {
		let value: unknown = params;
		for (const part of name.split('.')) {
			if (typeof value !== 'object' || value === null || !(part in value)) return fallback;
			value = (value as Params)[part];
		}
		return value as T;
	};
}

export function build(builder: MessageBuilder, params: Params): IDataObject {
	return builder(fieldReader(params));
}

/** The exact message, key order included (JSON is sent in the order the keys were made). */
export function expectMessage(builder: MessageBuilder, params: Params, expected: unknown): void {
	expect(JSON.stringify(build(builder, params))).toBe(JSON.stringify(expected));
}

/** The error message a builder refuses the parameters with. */
export function refusal(builder: MessageBuilder, params: Params): string {
	try {
		build(builder, params);
	} catch (error) {
		expect(error).toBeInstanceOf(MessageInputError);
		return (error as Error).message;
	}
	throw new Error(`accepted ${JSON.stringify(params)}`);
}

/** [field as the panel names it, limit, parameters with the value put in place]. */
export type LengthCase = [string, number, (value: string) => Params];

/**
 * Every length limit at its boundary: `limit` characters pass and arrive unchanged, emoji
 * count once, one more character is refused with the field, the length and the limit.
 */
export function describeLengthLimits(builder: MessageBuilder, cases: LengthCase[]): void {
	describe.each(cases)('%s limit %i', (field, limit, withValue) => {
		it.each([
			['letters', 'x'],
			['emoji', '🚚'],
		])('accepts %s at the limit', (_kind, character) => {
			const value = character.repeat(limit);
			expect(JSON.stringify(build(builder, withValue(value)))).toContain(value);
		});

		it('refuses one character more', () => {
			expect(refusal(builder, withValue('x'.repeat(limit + 1)))).toBe(
				`${field}: ${limit + 1} characters long; the limit is ${limit} characters`,
			);
		});
	});
}

/** [field as the panel names it, parameters with the value put in place]. */
export type RequiredCase = [string, (value: string) => Params];

export function describeRequired(builder: MessageBuilder, cases: RequiredCase[]): void {
	describe.each(cases)('%s', (field, withValue) => {
		it.each([[''], ['   ']])('refuses %j', (value) => {
			expect(refusal(builder, withValue(value))).toBe(
				`${field}: is required and must not be empty`,
			);
		});
	});
}
