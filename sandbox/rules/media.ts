/** Media objects: a message of type image, video, audio, document or sticker, or a media header. */
import type { Checker, Json } from './checker';

export const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** Insider: caption "Do not use with audio or sticker media"; filename "Use only with document media". */
const MEDIA_FIELDS: Record<MediaType, { caption: boolean; filename: boolean }> = {
	image: { caption: true, filename: false },
	video: { caption: true, filename: false },
	audio: { caption: false, filename: false },
	document: { caption: true, filename: true },
	sticker: { caption: false, filename: false },
};

const CAPTION_MAX = 1024;

export function checkMediaObject(c: Checker, field: string, value: unknown, type: MediaType) {
	const media = c.object(field, value);
	if (!media) return;
	const hasLink = media.link !== undefined;
	const hasId = media.id !== undefined;
	if (hasLink === hasId) c.fail(field, 'exactly one of link or id is required');
	if (hasLink) c.httpsUrl(`${field}.link`, media.link);
	if (hasId && (typeof media.id !== 'string' || media.id.trim() === ''))
		c.fail(`${field}.id`, 'must be a non-empty string');
	const allowed = MEDIA_FIELDS[type];
	if (media.caption !== undefined) {
		if (allowed.caption) c.text(`${field}.caption`, media.caption, CAPTION_MAX, false);
		else c.fail(`${field}.caption`, `not allowed for ${type}`);
	}
	if (media.filename !== undefined) {
		if (allowed.filename) c.text(`${field}.filename`, media.filename, undefined, false);
		else c.fail(`${field}.filename`, 'only allowed for documents');
	}
}

/** A message whose type is one of the media types: its object sits under that type's name. */
export const mediaMessageRule = (type: MediaType) => (c: Checker, path: string, message: Json) =>
	checkMediaObject(c, `${path}.${type}`, message[type], type);
