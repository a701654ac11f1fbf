/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
import axios from 'axios';
import http from 'http';

import { TEST_KEY } from './sandbox';

// The recorder and waiting live in dev/ (scripts use them too); tests take all HTTP helpers from here.
export type { ReceivedRequest, Recorder } from '../../dev/http/recorder';
export { startReceiver } from '../../dev/http/recorder';
export { waitFor } from '../../dev/wait';

export const client = axios.create({
	validateStatus: () => true,
	headers: { 'User-Agent': 'sandbox-tests/1.0' },
});

/** POSTs a send request to the sandbox and returns status, body and headers. */
export async function postSend(
	baseUrl: string,
	body: unknown,
	headers: Record<string, string> = {},
	path = '/v1/conversational/send',
) {
	const response = await client.post(
		`${baseUrl}${path}`,
		typeof body === 'string' ? body : JSON.stringify(body),
		{
			headers: { 'Content-Type': 'application/json', 'X-INS-AUTH-KEY': TEST_KEY, ...headers },
			transformRequest: (data) => data,
			transformResponse: (data) => data,
		},
	);
	let json: unknown;
	try {
		json = JSON.parse(response.data);
	} catch {
		json = response.data;
	}
	return {
		status: response.status,
		body: json as Record<string, unknown>,
		raw: response.data as string,
		headers: response.headers,
	};
}

/** POSTs exactly these bytes with exactly this content type (or none): status and answer. */
export async function postBytes(
	url: string,
	text: string,
	contentType: string | null,
	headers: http.OutgoingHttpHeaders = {},
) {
	const data = Buffer.from(text, 'utf8');
	const all: http.OutgoingHttpHeaders = { 'content-length': data.length, ...headers };
	if (contentType) all['content-type'] = contentType;
	return await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
		const request = http.request(url, { method: 'POST', headers: all }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				const answer = Buffer.concat(chunks).toString('utf8');
				let body: unknown = answer;
				try {
					body = JSON.parse(answer);
				} catch {
					/* not JSON: keep the text */
				}
				resolve({ status: response.statusCode ?? 0, body });
			});
		});
		request.on('error', reject);
		request.end(data);
	});
}
