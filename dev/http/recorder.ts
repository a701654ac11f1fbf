/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * A loopback HTTP server that records every request it gets: where workflows under test
 * forward their items, and where the sandbox posts callbacks.
 */
import http from 'http';
import type { AddressInfo } from 'net';

export interface ReceivedRequest {
	at: number;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	url: string;
}

export interface Recorder {
	url: string;
	/** Every request so far, in the order they arrived (a caller may empty it). */
	received: ReceivedRequest[];
	stop(): Promise<void>;
}

/** Starts a recorder on a free loopback port; `answer` picks the status of each request. */
export async function startReceiver(
	answer: (request: ReceivedRequest, index: number) => number = () => 200,
): Promise<Recorder> {
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
