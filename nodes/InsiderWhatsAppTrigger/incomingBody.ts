import type { IWebhookFunctions } from 'n8n-workflow';

/**
 * The body of the request as the shared reader takes it. n8n parses a body itself only when it
 * is labelled `application/json`; with `text/plain` it hands over the text, with any other type
 * or none nothing, and with a form type the wrong thing. Its raw bytes are always kept, so for
 * anything n8n did not parse as JSON the bytes are read instead.
 */
export function incomingBody(context: IWebhookFunctions): unknown {
	const request = context.getRequestObject();
	const contentType =
		request.contentType ?? String(request.headers['content-type'] ?? '').split(';')[0];
	const body = request.body as unknown;
	// A JSON string n8n parsed is indistinguishable from JSON text, so its bytes are read instead.
	const parsedAsJson = contentType.trim().toLowerCase() === 'application/json';
	if (parsedAsJson && body !== undefined && typeof body !== 'string') return body;
	const rawBody = request.rawBody as unknown;
	if (Buffer.isBuffer(rawBody) && rawBody.length > 0) return rawBody;
	return body;
}
