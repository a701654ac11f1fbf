/**
 * Small readers for JSON of unknown shape: each returns a typed value or null, never throws,
 * and reads only an object's own properties, so a payload key such as `__proto__` or
 * `constructor` can never reach a prototype.
 */
import type { ReadBudget } from './callbackLimits';

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object's own property `name`, or undefined; never one inherited from a prototype. */
export function field(value: unknown, name: string): unknown {
	if (typeof value !== 'object' || value === null) return undefined;
	return Object.prototype.hasOwnProperty.call(value, name)
		? (value as JsonObject)[name]
		: undefined;
}

/** The own property `name` when it is an object, else null. */
export const objectField = (value: unknown, name: string): JsonObject | null => {
	const found = field(value, name);
	return isObject(found) ? found : null;
};

/** A non-empty string, or a number as text (Meta sends some ids and times as either). */
export const str = (value: unknown): string | null =>
	typeof value === 'string' && value !== ''
		? value
		: typeof value === 'number' && Number.isFinite(value)
			? String(value)
			: null;

/** A lookup table keyed by payload text: no prototype, so only the listed words are found. */
export function lookupTable<T>(entries: Record<string, T>): (key: unknown) => T | undefined {
	const table = new Map(Object.entries(entries));
	return (key) => (typeof key === 'string' ? table.get(key) : undefined);
}

/** The objects among the elements of the array field `name`, walked through `budget`. */
export const objectsIn = (budget: ReadBudget, value: unknown, name: string): JsonObject[] =>
	budget.walk(field(value, name)).filter(isObject);
