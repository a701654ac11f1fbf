/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * A loopback pass-through in front of the sandbox that can hold Insider's answer back after the
 * sandbox has recorded (and so "delivered") the message: the sending node is then still waiting
 * for the answer, so its execution is certainly running when the contact taps.
 */
import http from 'http';
import type { AddressInfo } from 'net';

export async function startSlowInsider(targetUrl: string) {
	let holdNextAnswerMs = 0;
	const server = http.createServer((incoming, response) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const hold = holdNextAnswerMs;
			holdNextAnswerMs = 0;
			const forward = http.request(
				`${targetUrl}${incoming.url ?? '/'}`,
				{ method: incoming.method, headers: incoming.headers },
				(answer) => {
					const answerChunks: Buffer[] = [];
					answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
					answer.on('end', () =>
						setTimeout(() => {
							response.writeHead(answer.statusCode ?? 502, answer.headers);
							response.end(Buffer.concat(answerChunks));
						}, hold),
					);
				},
			);
			forward.on('error', () => response.destroy());
			forward.end(Buffer.concat(chunks));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		/** The next request is answered this long after the sandbox answered it. */
		holdNextAnswer(ms: number) {
			holdNextAnswerMs = ms;
		},
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
