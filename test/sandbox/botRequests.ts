/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Requests the bot endpoints' tests make, as a client of Insider would: mark as read (with
 * typing), media upload and media info, each with Insider's key header unless told otherwise.
 */
import http from 'http';

import { TEST_KEY } from '../support/sandbox';

export interface Answer {
	status: number;
	headers: Headers;
	raw: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
}

async function answerOf(response: Response): Promise<Answer> {
	const raw = await response.text();
	let body: unknown = raw;
	try {
		body = JSON.parse(raw);
	} catch {
		/* not JSON: keep the text */
	}
	return { status: response.status, headers: response.headers, raw, body };
}

const headers = (extra: Record<string, string>) => ({
	'X-INS-AUTH-KEY': TEST_KEY,
	'User-Agent': 'sandbox-tests/1.0',
	...extra,
});

export const readBody = (messageId: string, typing = true) => ({
	messaging_product: 'whatsapp',
	status: 'read',
	message_id: messageId,
	...(typing ? { typing_indicator: { type: 'text' } } : {}),
});

/** `POST /v1/{phoneNumberId}/messages`. */
export async function markRead(
	baseUrl: string,
	body: unknown,
	options: { phoneNumberId?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
	const response = await fetch(
		`${baseUrl}/v1/${options.phoneNumberId ?? '106540352242922'}/messages`,
		{
			method: 'POST',
			headers: headers({ 'Content-Type': 'application/json', ...options.headers }),
			body: typeof body === 'string' ? body : JSON.stringify(body),
		},
	);
	return await answerOf(response);
}

export interface UploadParts {
	bytes?: Buffer;
	type?: string;
	messagingProduct?: string;
	fileName?: string;
}

/** `POST /v1/media/upload` as multipart; a part left undefined is left out. */
export async function upload(
	baseUrl: string,
	parts: UploadParts,
	extraHeaders: Record<string, string> = {},
): Promise<Answer> {
	const form = new FormData();
	if (parts.messagingProduct !== undefined) form.set('messaging_product', parts.messagingProduct);
	if (parts.type !== undefined) form.set('type', parts.type);
	if (parts.bytes !== undefined)
		form.set('file', new Blob([parts.bytes], { type: parts.type }), parts.fileName ?? 'file');
	const response = await fetch(`${baseUrl}/v1/media/upload`, {
		method: 'POST',
		headers: headers(extraHeaders),
		body: form,
	});
	return await answerOf(response);
}

/**
 * A well-formed upload of `bytes` as `type`, its multipart body written out here in pieces: for
 * large files much cheaper than FormData's encoder, which the field tests use.
 */
export async function uploadFile(baseUrl: string, bytes: Buffer, type: string): Promise<Answer> {
	const boundary = 'sandbox-test-boundary-7MA4YWxkTrZu0gW';
	const field = (name: string, value: string) =>
		`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
	const head = Buffer.from(
		`${field('messaging_product', 'whatsapp')}${field('type', type)}--${boundary}\r\n` +
			`Content-Disposition: form-data; name="file"; filename="file.bin"\r\n` +
			`Content-Type: ${type}\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
		const request = http.request(`${baseUrl}/v1/media/upload`, {
			method: 'POST',
			headers: headers({
				'Content-Type': `multipart/form-data; boundary=${boundary}`,
				'Content-Length': String(head.length + bytes.length + tail.length),
			}),
		});
		request.on('response', resolve).on('error', reject);
		request.write(head);
		request.write(bytes);
		request.end(tail);
	});
	const chunks: Buffer[] = [];
	for await (const chunk of response) chunks.push(chunk as Buffer);
	return await answerOf(new Response(Buffer.concat(chunks), { status: response.statusCode }));
}

/** `GET /v1/media/{id}`. */
export async function mediaInfo(
	baseUrl: string,
	id: string,
	extraHeaders: Record<string, string> = {},
): Promise<Answer> {
	return await answerOf(
		await fetch(`${baseUrl}/v1/media/${encodeURIComponent(id)}`, {
			headers: headers(extraHeaders),
		}),
	);
}

/** Fetches a download URL, optionally with the Insider key; returns the status and the bytes. */
export async function download(url: string, withKey: boolean) {
	const response = await fetch(url, { headers: withKey ? headers({}) : {} });
	return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}
