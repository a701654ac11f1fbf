/** E.164: a plus, a country code that does not start with 0, and 8 to 15 digits in all. */
const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * Turns what people type ("+90 (532) 123-45.67", "0090 532 …") into E.164, or returns
 * undefined when the result is still not a valid number.
 */
export function normalizePhoneNumber(input: string): string | undefined {
	let value = input.trim().replace(/[\s\-.()]/g, '');
	if (value.startsWith('00')) value = `+${value.slice(2)}`;
	return E164.test(value) ? value : undefined;
}
