/**
 * Reads a callback body into the payloads it holds. Insider posts JSON, but not always with a
 * JSON content type, and sometimes several payloads at once as a JSON array, so the body may
 * arrive parsed (object, array or any JSON value), as JSON text, or as raw bytes.
 */
import { jsonParse } from 'n8n-workflow';

import { CALLBACK_LIMITS } from './callbackLimits';
import { isObject } from './jsonValues';

export type PayloadReading = { payloads: unknown[] } | { notJson: string } | { tooLarge: string };

const BYTE_ORDER_MARK = '\uFEFF';

function parseText(text: string): PayloadReading {
	const json = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
	if (json.trim() === '') return { notJson: 'it is empty' };
	let value: unknown;
	try {
		value = jsonParse(json);
	} catch (error) {
		return { notJson: (error as Error).message };
	}
	return asPayloads(value);
}

/**
 * Each object of a top-level JSON array is a payload of its own; the array's other values
 * (numbers, strings, nulls, arrays) together are one payload, where the first of them stood,
 * so a long array of junk is one `unknown` event rather than one per element. Any other JSON
 * value is one payload.
 */
function asPayloads(value: unknown): PayloadReading {
	if (!Array.isArray(value)) return { payloads: [value] };
	if (value.length > CALLBACK_LIMITS.payloadsPerBody) {
		return {
			tooLarge: `its JSON array holds ${value.length} values; the limit is ${CALLBACK_LIMITS.payloadsPerBody}`,
		};
	}
	const payloads: unknown[] = [];
	let others: unknown[] | undefined;
	for (const element of value) {
		if (isObject(element)) payloads.push(element);
		else if (others) others.push(element);
		else {
			others = [element];
			payloads.push(others);
		}
	}
	return { payloads };
}

/**
 * A JSON value n8n has already parsed, for where it cannot be told from JSON text: n8n parses a
 * JSON string body into a string, which must not be parsed a second time.
 */
export class ParsedJson {
	constructor(readonly value: unknown) {}
}

/** The payloads of a body, or why nothing in it can be read. */
export function readPayloads(body: unknown): PayloadReading {
	if (body === undefined) return { notJson: 'it is empty' };
	if (body instanceof ParsedJson) return asPayloads(body.value);
	if (Buffer.isBuffer(body)) return parseText(body.toString('utf8'));
	if (typeof body === 'string') return parseText(body);
	return asPayloads(body);
}
