/**
 * Read Callback Events in n8n-core's engine, fed items as n8n's Webhook node makes them (its
 * headers, params, query, the parsed body and, with Raw Body, the request's bytes).
 */
import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { CALLBACK_EVENT_NAMES } from '../../nodes/shared/callbackEvent';
import { requestAsN8nBuildsIt } from '../trigger/n8nRequest';
import { runInsiderWhatsApp } from './engine';

export const CREDENTIALS = { apiKey: 'unused', baseUrl: 'http://127.0.0.1:9' };

/**
 * The item n8n's Webhook node (v2) outputs for a request: headers, params, query and what n8n
 * parsed as `body`; with its Raw Body option, the request's bytes as binary `data` (typed as
 * the request was, or application/json when it had no type).
 */
export function webhookItem(text: string, contentType: string | null, rawBody = true) {
	const request = requestAsN8nBuildsIt(text, contentType);
	const json: IDataObject = { headers: request.headers, params: {}, query: {} };
	if (request.body !== undefined) json.body = request.body as IDataObject;
	const binary: IBinaryKeyData | null = rawBody
		? {
				data: {
					data: request.rawBody.toString('base64'),
					mimeType: contentType ?? 'application/json',
				},
			}
		: null;
	return { json, binary };
}

export const contentTypeOf = (c: { contentType?: string | null }) =>
	c.contentType === undefined ? 'application/json' : c.contentType;

export async function read(
	inputs: Array<{ json: IDataObject; binary?: IBinaryKeyData | null }>,
	parameters: Record<string, unknown> = {},
	continueOnFail = false,
) {
	return await runInsiderWhatsApp({
		parameters: {
			resource: 'event',
			operation: 'parse',
			events: CALLBACK_EVENT_NAMES,
			bodyField: 'body',
			options: {},
			...parameters,
		},
		items: inputs.map((input) => input.json),
		binaries: inputs.map((input) => input.binary ?? null),
		credentials: CREDENTIALS,
		continueOnFail,
	});
}

export const jsonOf = (result: Awaited<ReturnType<typeof read>>) =>
	result.items.map((item) => item.json);
export const post = (body: unknown) => webhookItem(JSON.stringify(body), 'application/json');
