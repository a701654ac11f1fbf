/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Insider's media endpoints: `POST /v1/media/upload` (multipart `file`, `type`,
 * `messaging_product`) and `GET /v1/media/{id}` (Meta's media object; Insider's own shape is
 * not published), and the download URL that object names. The download answers on any host
 * name of the server: on the API's own host it needs the Insider key, as Meta's downloads need
 * the access token; on the media host (`mediaHost`) the URL's hash is enough, like a signed URL.
 * Every download is recorded with the host it reached and whether it carried the key.
 */
import type http from 'http';

import type { ApiContext } from '../apiGate';
import { admit, apiKeyOf, UNAUTHORIZED } from '../apiGate';
import { readBody, sendJson } from '../httpIo';
import type { RecordedDownload } from '../records';
import { Checker } from '../rules/checker';
import { decodeErrorBody, insiderErrorBody, validationErrorBody } from '../validation';
import { LARGEST_MEDIA_BYTES, uploadProblems } from './limits';
import type { FormPart } from './multipart';
import { multipartBoundary, parseMultipart } from './multipart';
import type { MediaStore, StoredMedia } from './store';

export const UPLOAD_PATH = '/v1/media/upload';
export const MEDIA_INFO_PATH = /^\/v1\/media\/([^/]+)$/;
export const DOWNLOAD_PATH = '/whatsapp_business/attachments/';

/** The pieces a chunked download is written in, so the client receives it in several reads. */
const DOWNLOAD_CHUNK_BYTES = 16 * 1024;

/** Room for the multipart framing around the largest file. */
const MAX_UPLOAD_BODY_BYTES = LARGEST_MEDIA_BYTES + 1024 * 1024;

export interface MediaContext extends ApiContext {
	media: MediaStore;
	downloads: RecordedDownload[];
	/** The download URL of a stored file, on the media host. */
	downloadUrl(media: StoredMedia): string;
}

export async function handleUpload(
	context: MediaContext,
	request: http.IncomingMessage,
	response: http.ServerResponse,
) {
	const body = await readBody(request, MAX_UPLOAD_BODY_BYTES);
	const call = await admit(context, 'mediaUpload', UPLOAD_PATH, request, response, '');
	if (!call) return;
	const boundary = multipartBoundary(String(request.headers['content-type'] ?? ''));
	let parts: FormPart[];
	try {
		if (!boundary) throw new Error('expected a multipart/form-data body with a boundary');
		parts = parseMultipart(body, boundary);
	} catch (error) {
		return call.answer(400, decodeErrorBody((error as Error).message));
	}
	const part = (name: string) => parts.find((p) => p.name === name);
	const text = (name: string) => part(name)?.data.toString('utf8');
	const c = new Checker();
	c.oneOf('messaging_product', text('messaging_product'), ['whatsapp']);
	const type = c.text('type', text('type'));
	const file = part('file');
	if (!file) c.fail('file', 'required: the file as a multipart part named file');
	if (c.problems.length || type === undefined || !file)
		return call.answer(400, validationErrorBody(c.problems));
	const problems = uploadProblems(type, file.data);
	if (problems.length) return call.answer(400, validationErrorBody(problems));
	// A copy, so the stored file does not hold on to the whole request body.
	const stored = context.media.upload(Buffer.from(file.data), type, file.fileName || undefined);
	call.succeed({ id: stored.id });
}

export async function handleMediaInfo(
	context: MediaContext,
	id: string,
	request: http.IncomingMessage,
	response: http.ServerResponse,
) {
	await readBody(request);
	const call = await admit(context, 'mediaInfo', `/v1/media/${id}`, request, response, '');
	if (!call) return;
	const stored = context.media.get(id);
	if (!stored)
		return call.answer(
			404,
			insiderErrorBody(2018, 'media not found', `Error: no media with id ${JSON.stringify(id)}`),
		);
	call.succeed({
		messaging_product: 'whatsapp',
		url: context.downloadUrl(stored),
		mime_type: stored.mimeType,
		sha256: stored.sha256,
		file_size: stored.size,
		id: stored.id,
	});
}

const hostNameOf = (request: http.IncomingMessage) => {
	try {
		return new URL(`http://${request.headers.host ?? ''}`).hostname;
	} catch {
		return '';
	}
};

export function handleDownload(
	context: MediaContext,
	url: URL,
	request: http.IncomingMessage,
	response: http.ServerResponse,
) {
	const host = hostNameOf(request);
	const apiKey = apiKeyOf(request);
	const record: RecordedDownload = {
		at: new Date().toISOString(),
		mediaId: url.searchParams.get('mid') ?? '',
		host,
		carriedApiKey: apiKey !== '',
		statusCode: 0,
	};
	context.downloads.push(record);
	const stored = context.media.get(record.mediaId);
	const answer = (statusCode: number, body: unknown) => {
		record.statusCode = statusCode;
		sendJson(response, statusCode, body);
	};
	if (!stored || url.searchParams.get('hash') !== stored.hash)
		return answer(404, insiderErrorBody(2019, 'media not found', 'Error: unknown download URL'));
	const onApiHost = host === context.options.host;
	if (onApiHost && !context.options.keys.includes(apiKey)) return answer(401, UNAUTHORIZED);
	record.statusCode = 200;
	if (!context.options.chunkedDownloads) {
		response.writeHead(200, { 'Content-Type': stored.mimeType, 'Content-Length': stored.size });
		return void response.end(stored.bytes);
	}
	// Without a Content-Length Node sends the body with Transfer-Encoding: chunked.
	response.writeHead(200, { 'Content-Type': stored.mimeType });
	for (let at = 0; at < stored.size; at += DOWNLOAD_CHUNK_BYTES)
		response.write(stored.bytes.subarray(at, at + DOWNLOAD_CHUNK_BYTES));
	response.end();
}
