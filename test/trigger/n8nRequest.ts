/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * The request a version-1 webhook node is handed by n8n for a given body and content type, as
 * n8n 1.123.81 and 2.41.1 build it (webhook-helpers' parseRequestBody, then body-parser's
 * parseBody): the raw bytes are always kept as `rawBody`; `body` is parsed JSON for
 * application/json, the text for text/plain, a query-string object for forms, else nothing.
 * test/e2e/callbackBodies.test.ts posts the same bodies to a real n8n of both lines.
 */
import querystring from 'querystring';

export interface N8nRequest {
	body: unknown;
	rawBody: Buffer;
	headers: Record<string, string>;
}

export function requestAsN8nBuildsIt(text: string, contentType: string | null): N8nRequest {
	const rawBody = Buffer.from(text, 'utf8');
	const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
	const type = contentType?.split(';')[0].trim().toLowerCase();
	let body: unknown;
	if (rawBody.length > 0) {
		if (type === 'application/json') {
			// n8n answers 422 itself, and runs no node, when this throws; 2.x drops a leading BOM.
			body = JSON.parse(text.replace(/^\uFEFF/, ''));
		} else if (type === 'application/x-www-form-urlencoded') {
			body = { ...querystring.parse(text) };
		} else if (type === 'text/plain') {
			body = text;
		}
	}
	return { body, rawBody, headers };
}
