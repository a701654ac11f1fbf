import type { IDataObject } from 'n8n-workflow';

import { checkLength, requireHttpsUrl, requireText } from '../fieldChecks';
import { MESSAGE_LIMITS } from './limits';
import type { FieldReader } from './messageInput';
import { MessageInputError } from './messageInput';

export type MediaType = 'image' | 'video' | 'audio' | 'document' | 'sticker';
export type MediaSource = 'link' | 'id';

export const MEDIA_TYPES: readonly MediaType[] = ['image', 'video', 'audio', 'document', 'sticker'];
/** WhatsApp shows no caption under audio or stickers. */
export const CAPTIONED_MEDIA_TYPES: readonly MediaType[] = ['image', 'video', 'document'];

/** Where WhatsApp gets a file: a public https link or the id of media uploaded before. */
export interface MediaReference {
	source: MediaSource;
	link?: string;
	id?: string;
}

export interface MediaInput extends MediaReference {
	mediaType: MediaType;
	caption?: string;
	filename?: string;
}

export interface MediaObject {
	link?: string;
	id?: string;
	filename?: string;
	caption?: string;
}

/** Insider's `message` object for an image, video, audio, document or sticker. */
export type MediaMessage = { type: MediaType } & { [type in MediaType]?: MediaObject };

/**
 * `{ link }` or `{ id }`; `prefix` is how the panel names the fields, e.g. "Media" for
 * "Media Link" and "Media ID", or "Header Media".
 */
export function mediaReference(prefix: string, reference: MediaReference): MediaObject {
	if (reference.source === 'id') return { id: requireText(`${prefix} ID`, reference.id).trim() };
	if (reference.source === 'link') {
		const why = 'WhatsApp downloads media only over https';
		return { link: requireHttpsUrl(`${prefix} Link`, reference.link, why) };
	}
	throw new MessageInputError(
		`${prefix} Source`,
		`"${String(reference.source)}" is not one of link, id`,
	);
}

/** A document's file name as the contact sees it; omitted when empty. */
export function filenamePart(filename: string | undefined): MediaObject {
	const trimmed = (filename ?? '').trim();
	return trimmed === '' ? {} : { filename: trimmed };
}

export function readMediaInput(read: FieldReader): MediaInput {
	const text = (name: string) => String(read(name, ''));
	const mediaType = read<MediaType>('mediaType', 'image');
	const source = read<MediaSource>('mediaSource', 'link');
	return {
		mediaType,
		source,
		link: source === 'link' ? text('mediaLink') : undefined,
		id: source === 'id' ? text('mediaId') : undefined,
		caption: CAPTIONED_MEDIA_TYPES.includes(mediaType) ? text('caption') : undefined,
		filename: mediaType === 'document' ? text('filename') : undefined,
	};
}

export function mediaFromInput(input: MediaInput): MediaMessage {
	const type = input.mediaType;
	if (!MEDIA_TYPES.includes(type)) {
		throw new MessageInputError(
			'Media Type',
			`"${String(type)}" is not one of ${MEDIA_TYPES.join(', ')}`,
		);
	}
	const caption = input.caption ?? '';
	checkLength('Caption', caption, MESSAGE_LIMITS.media.caption);
	// Key order follows Insider's documented document object: link or id, filename, caption.
	const media: MediaObject = {
		...mediaReference('Media', input),
		...(type === 'document' ? filenamePart(input.filename) : {}),
		...(CAPTIONED_MEDIA_TYPES.includes(type) && caption.trim() !== '' ? { caption } : {}),
	};
	return { type, [type]: media };
}

/** Send Media's message builder. */
export function buildMediaMessage(read: FieldReader): IDataObject {
	return mediaFromInput(readMediaInput(read)) as unknown as IDataObject;
}
