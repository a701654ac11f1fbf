/** The building blocks of the sandbox's rule table: a problem list and typed field checks. */

export type Json = Record<string, unknown>;

export interface ValidationProblem {
	/** Path in the request body, e.g. messages[0].message.interactive.body.text */
	field: string;
	problem: string;
}

export const EMOJI = /\p{Extended_Pictographic}/u;
export const MARKDOWN = /([*_~])[^\s*_~][^*_~]*\1|```/;
export const HTTPS = /^https:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/i;

/** Length as WhatsApp counts it: code points, so an emoji is one character. */
export const chars = (value: string) => Array.from(value).length;
export const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export class Checker {
	readonly problems: ValidationProblem[] = [];

	fail(field: string, problem: string) {
		this.problems.push({ field, problem });
	}

	/** A string of at most `max` code points (no limit when max is undefined); returns it when present. */
	text(field: string, value: unknown, max?: number, required = true): string | undefined {
		if (value === undefined || value === null) {
			if (required) this.fail(field, 'required');
			return undefined;
		}
		if (typeof value !== 'string') return (this.fail(field, 'must be a string'), undefined);
		if (required && value.trim() === '') return (this.fail(field, 'must not be empty'), undefined);
		if (max !== undefined && chars(value) > max)
			this.fail(field, `length ${chars(value)} exceeds max ${max}`);
		return value;
	}

	/** An object the rules go on to look into; a problem and undefined when it is not one. */
	object(field: string, value: unknown, required = true): Json | undefined {
		if (isObject(value)) return value;
		if (value !== undefined || required)
			this.fail(field, value === undefined ? 'required object' : 'must be an object');
		return undefined;
	}

	/** An array of `min`..`max` items; returns it when it is an array. */
	array(
		field: string,
		value: unknown,
		min: number,
		max?: number,
		noun = 'items',
	): unknown[] | undefined {
		if (!Array.isArray(value)) return (this.fail(field, 'required array'), undefined);
		if (value.length < min || (max !== undefined && value.length > max)) {
			const range = max === undefined ? `at least ${min}` : `${min} to ${max}`;
			this.fail(field, `must hold ${range} ${noun} (got ${value.length})`);
		}
		return value;
	}

	boolean(field: string, value: unknown) {
		if (value !== undefined && typeof value !== 'boolean')
			this.fail(field, 'must be true or false');
	}

	httpsUrl(field: string, value: unknown) {
		if (value === undefined) return this.fail(field, 'required');
		if (typeof value !== 'string' || !HTTPS.test(value)) this.fail(field, 'must be an https URL');
	}

	/** Says a value is not one of the allowed ones, listing them. */
	oneOf(field: string, value: unknown, allowed: readonly string[]): boolean {
		if (typeof value === 'string' && allowed.includes(value)) return true;
		this.fail(field, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
		return false;
	}
}
