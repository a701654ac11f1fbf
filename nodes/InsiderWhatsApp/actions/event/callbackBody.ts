/**
 * The callback body of one input item, in a form the shared reader takes. n8n's Webhook node
 * hands over what n8n parsed (`body`: JSON for application/json, the text for text/plain, form
 * fields for forms, nothing otherwise) and, with its Raw Body option, the request's bytes as
 * binary data. Like the trigger, this reads the parsed value for JSON and the bytes otherwise.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { field, isObject } from '../../../shared/jsonValues';
import { ParsedJson } from '../../../shared/readPayloads';

/** Why an item's body cannot be read, naming the option's field; the caller names the item. */
export interface BodyProblem {
	field: string;
	problem: string;
	description: string;
}

export type BodyReading = { body: unknown } | BodyProblem;

export interface BodyFields {
	/** Where the body is: a field name or a dot path. */
	bodyField: string;
	/** The binary field with the request's bytes. */
	rawBodyField: string;
}

/** The value at a dot path of the item, or undefined. */
function valueAt(json: IDataObject, path: string): unknown {
	let value: unknown = json;
	for (const name of path.split('.')) value = field(value, name);
	return value;
}

/** The media type the request declared, from the headers the Webhook node passes on. */
function contentTypeOf(json: IDataObject): string {
	const header = field(field(json, 'headers'), 'content-type');
	const value = Array.isArray(header) ? header[0] : header;
	return typeof value === 'string' ? value.split(';')[0].trim().toLowerCase() : '';
}

/** Where n8n 2.x keeps an item's binary data in its JSON in the combined binary mode. */
const BINARY_IN_JSON = '_files';

/** The request's bytes as n8n's binary data, in either of n8n's binary modes. */
function rawBodyOf(item: INodeExecutionData, name: string): IBinaryData | undefined {
	const binary = field(item.binary, name) ?? field(field(item.json, BINARY_IN_JSON), name);
	return isObject(binary) ? (binary as unknown as IBinaryData) : undefined;
}

/** The body to read: a parsed value, JSON text, or bytes (see readPayloads). */
export async function callbackBody(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	fields: BodyFields,
): Promise<BodyReading> {
	const body = valueAt(item.json, fields.bodyField);
	const contentType = contentTypeOf(item.json);
	const rawBody = rawBodyOf(item, fields.rawBodyField);
	if (contentType === 'application/json' && body !== undefined) {
		if (typeof body !== 'string') return { body };
		// n8n parsed a JSON string; as text it would be parsed again, so pass it as the one payload.
		if (!rawBody) return { body: new ParsedJson(body) };
	}
	if (rawBody) {
		try {
			return { body: await context.helpers.getBinaryDataBuffer(itemIndex, rawBody) };
		} catch (error) {
			return {
				field: `Raw Body Field "${fields.rawBodyField}"`,
				problem: `its binary data cannot be read: ${(error as Error).message}`,
				description: 'Point Raw Body Field at the binary field holding the request body.',
			};
		}
	}
	if (contentType === 'application/x-www-form-urlencoded') {
		return {
			field: `Body Field "${fields.bodyField}"`,
			problem:
				'the request was sent as a form (application/x-www-form-urlencoded), which n8n parsed into form fields, so its JSON is lost',
			description:
				"Turn on the Webhook node's Raw Body option: this node then reads the request's bytes.",
		};
	}
	return { body };
}
