/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, never inside n8n, and is not published */
import type http from 'http';

/** The largest body the sandbox reads unless an endpoint allows more (uploads do). */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** An error that already knows the HTTP status it should be answered with. */
export class HttpProblem extends Error {
	constructor(
		readonly statusCode: number,
		message: string,
	) {
		super(message);
	}
}

/** Secrets are shown by their last 4 characters only. */
export const mask = (secret: string) => (secret ? `…${secret.slice(-4)}` : '');

export function sendJson(
	response: http.ServerResponse,
	statusCode: number,
	body: unknown,
	headers: Record<string, string> = {},
) {
	const text = JSON.stringify(body);
	response.writeHead(statusCode, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	response.end(text);
}

export function readBody(
	request: http.IncomingMessage,
	maxBytes = MAX_BODY_BYTES,
): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBytes) {
				reject(new HttpProblem(413, 'request body too large'));
				request.destroy();
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});
}

/** An admin request's JSON body; an empty body is `{}`. */
export async function readJsonBody(
	request: http.IncomingMessage,
): Promise<Record<string, unknown>> {
	const raw = (await readBody(request)).toString('utf8');
	try {
		return (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
	} catch {
		throw new HttpProblem(400, 'the body must be JSON');
	}
}
