/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
import axios from 'axios';
import http from 'http';
import type { AddressInfo } from 'net';

import { TEST_KEY } from './sandbox';

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

export interface ReceivedRequest {
	at: number;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	url: string;
}

/** A loopback HTTP receiver for callbacks; `answer` picks the status of each request. */
export async function startReceiver(
	answer: (request: ReceivedRequest, index: number) => number = () => 200,
) {
	const received: ReceivedRequest[] = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			const entry = {
				at: Date.now(),
				headers: request.headers,
				body: text ? JSON.parse(text) : undefined,
				url: request.url ?? '',
			};
			received.push(entry);
			response.writeHead(answer(entry, received.length - 1)).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Polls until `check` returns true, for events that arrive asynchronously. */
/** Polls `check` (which may be async) until it holds. */
export async function waitFor(
	check: () => boolean | Promise<boolean>,
	timeoutMs = 5000,
	what = 'condition',
) {
	const started = Date.now();
	while (!(await check())) {
		if (Date.now() - started > timeoutMs)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
