/**
 * Insider's media endpoints: `POST /v1/media/upload` (multipart `file`, `type`,
 * `messaging_product=whatsapp`, answering `{"id"}`) and `GET /v1/media/{id}`. Insider does not
 * publish the second answer; the node reads Meta's media object
 * `{"url","mime_type","sha256","file_size","id"}` from it and needs only `url` (README, "Media").
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { field, str } from '../../shared/jsonValues';
import { multipartBody } from '../helpers/multipart';
import type { ApiPurpose } from './apiFailures';
import { unreadableAnswer } from './apiFailures';
import type { ApiOutcome } from './apiRequest';
import { callInsider } from './apiRequest';

export const MEDIA_UPLOAD_PATH = '/v1/media/upload';

export const UPLOAD: ApiPurpose = {
	action: 'upload the media',
	check:
		"Check the file's type and size against WhatsApp's limits (README, \"Media\"); the key needs Insider's media API (Cloud API numbers only).",
	codes: { 2017: 'media upload failed' },
};

const MEDIA_INFO: ApiPurpose = {
	action: 'find the media',
	check:
		'Check Media ID: an uploaded file stays at WhatsApp for a week, a file a contact sent for a limited time.',
	codes: { 2018: 'media information not found' },
};

export interface UploadFile {
	bytes: Buffer;
	mimeType: string;
	fileName: string;
}

/** A value put into a multipart header or field: one line. */
const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ');

/** Uploads a file; the outcome's value is Insider's media id. */
export async function uploadMedia(
	context: IExecuteFunctions,
	baseUrl: string,
	file: UploadFile,
): Promise<ApiOutcome<string>> {
	const mimeType = oneLine(file.mimeType);
	const multipart = multipartBody(
		[
			['messaging_product', 'whatsapp'],
			['type', mimeType],
		],
		{ name: 'file', fileName: oneLine(file.fileName), contentType: mimeType, bytes: file.bytes },
	);
	const outcome = await callInsider(
		context,
		{
			method: 'POST',
			url: `${baseUrl}${MEDIA_UPLOAD_PATH}`,
			headers: { 'Content-Type': multipart.contentType, Accept: 'application/json' },
			body: multipart.body,
		},
		UPLOAD,
	);
	if (outcome.kind !== 'accepted') return outcome;
	const id = str(field(outcome.value.body, 'id'));
	if (id === null)
		return { kind: 'unknown', failure: unreadableAnswer(UPLOAD, 'media id', outcome.value.body) };
	return { kind: 'accepted', value: id };
}

export interface MediaInfo {
	/** Insider's answer as it came. */
	object: IDataObject;
	/** Where the file downloads from. */
	url: string;
	mimeType?: string;
}

/** Where a media file downloads from, and what Insider says about it. */
export async function mediaInfo(
	context: IExecuteFunctions,
	baseUrl: string,
	mediaId: string,
): Promise<ApiOutcome<MediaInfo>> {
	const outcome = await callInsider(
		context,
		{
			method: 'GET',
			url: `${baseUrl}/v1/media/${encodeURIComponent(mediaId)}`,
			headers: { Accept: 'application/json' },
		},
		MEDIA_INFO,
	);
	if (outcome.kind !== 'accepted') return outcome;
	const object = outcome.value.body;
	const url = field(object, 'url');
	if (typeof url !== 'string' || !/^https?:\/\//i.test(url))
		return { kind: 'unknown', failure: unreadableAnswer(MEDIA_INFO, 'http(s) url', object) };
	const mimeType = field(object, 'mime_type');
	return {
		kind: 'accepted',
		value: {
			object: object as IDataObject,
			url,
			mimeType: typeof mimeType === 'string' ? mimeType : undefined,
		},
	};
}
