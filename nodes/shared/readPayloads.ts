/**
 * Reads a callback body into the payloads it holds. Insider posts JSON, but not always with a
 * JSON content type, and sometimes several payloads at once as a JSON array, so the body may
 * arrive parsed (object, array or any JSON value), as JSON text, or as raw bytes.
 */
import { jsonParse } from 'n8n-workflow';

export type BodyReading = { payloads: unknown[] } | { notJson: string };

const BYTE_ORDER_MARK = '\uFEFF';

function parseText(text: string): BodyReading {
	const json = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
	if (json.trim() === '') return { notJson: 'it is empty' };
	try {
		return { payloads: asPayloads(jsonParse(json)) };
	} catch (error) {
		return { notJson: (error as Error).message };
	}
}

/** Each element of a JSON array is a payload of its own; any other JSON value is one payload. */
const asPayloads = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** The payloads of a body, or why it is not JSON (then nothing in it can be read). */
export function readPayloads(body: unknown): BodyReading {
	if (body === undefined) return { notJson: 'it is empty' };
	if (Buffer.isBuffer(body)) return parseText(body.toString('utf8'));
	if (typeof body === 'string') return parseText(body);
	return { payloads: asPayloads(body) };
}
