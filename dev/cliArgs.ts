/**
 * Turning the text of command-line options (as Node's util.parseArgs gives them) into numbers
 * and lists, with errors that name the option.
 */

/** A number that is finite and not negative, e.g. a port, a count or a time scale. */
export function numberOption(name: string, text: string): number {
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value) || value < 0)
		throw new Error(`--${name} needs a number of 0 or more, got "${text}"`);
	return value;
}

/** A comma-separated list, e.g. `20,100`. */
export const listOption = (text: string): string[] =>
	text
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');

/** A comma-separated list of numbers. */
export const numberListOption = (name: string, text: string): number[] =>
	listOption(text).map((entry) => numberOption(name, entry));

/** A comma-separated list whose entries must be among `allowed`. */
export function choiceListOption<T extends string>(
	name: string,
	text: string,
	allowed: readonly T[],
): T[] {
	const entries = listOption(text);
	const unknown = entries.filter((entry) => !(allowed as readonly string[]).includes(entry));
	if (unknown.length)
		throw new Error(`--${name}: unknown ${unknown.join(', ')}; choose from ${allowed.join(', ')}`);
	return entries as T[];
}
