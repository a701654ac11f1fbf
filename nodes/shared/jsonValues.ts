/** Small readers for JSON of unknown shape: each returns a typed value or null, never throws. */

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A non-empty string, or a number as text (Meta sends some ids and times as either). */
export const str = (value: unknown): string | null =>
	typeof value === 'string' && value !== ''
		? value
		: typeof value === 'number'
			? String(value)
			: null;
