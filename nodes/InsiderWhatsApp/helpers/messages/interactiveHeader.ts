/**
 * The header above a message: the one reading of the header fields and the one builder of the
 * header object, shared by Send Quick Reply (and Send and Wait), Send Link Button and Send
 * Template (whose header fills the template's variable part).
 */
import { checkLength, checkNoMarkdown, requireText } from '../fieldChecks';
import { MESSAGE_LIMITS } from './limits';
import type { MediaObject, MediaSource } from './media';
import { filenamePart, mediaReference } from './media';
import type { FieldReader } from './messageInput';
import { MessageInputError } from './messageInput';

export const HEADER_TYPES = ['none', 'text', 'image', 'video', 'document'] as const;
export type HeaderType = (typeof HEADER_TYPES)[number];
export type HeaderMediaType = 'image' | 'video' | 'document';

export interface HeaderInput {
	headerType: HeaderType;
	headerText?: string;
	headerMediaSource?: MediaSource;
	headerMediaLink?: string;
	headerMediaId?: string;
	headerFilename?: string;
}

export type InteractiveHeader =
	| { type: 'text'; text: string }
	| { type: 'image'; image: MediaObject }
	| { type: 'video'; video: MediaObject }
	| { type: 'document'; document: MediaObject };

/** The names of a header's type and text fields: Send Template calls them differently. */
export interface HeaderFieldNames {
	type: string;
	text: string;
}

export const INTERACTIVE_HEADER_FIELDS: HeaderFieldNames = {
	type: 'headerType',
	text: 'headerText',
};

const isMediaType = (type: HeaderType): type is HeaderMediaType =>
	type === 'image' || type === 'video' || type === 'document';

/** The header fields of one item that its header type shows, as the user filled them in. */
export function readHeaderInput(
	read: FieldReader,
	names: HeaderFieldNames = INTERACTIVE_HEADER_FIELDS,
): HeaderInput {
	const text = (name: string) => String(read(name, ''));
	const headerType = read<HeaderType>(names.type, 'none');
	const mediaSource = isMediaType(headerType)
		? read<MediaSource>('headerMediaSource', 'link')
		: undefined;
	return {
		headerType,
		headerText: headerType === 'text' ? text(names.text) : undefined,
		headerMediaSource: mediaSource,
		headerMediaLink: mediaSource === 'link' ? text('headerMediaLink') : undefined,
		headerMediaId: mediaSource === 'id' ? text('headerMediaId') : undefined,
		headerFilename: headerType === 'document' ? text('headerFilename') : undefined,
	};
}

/** A media header: `{ link }` or `{ id }`, with the file name for documents. */
export function headerMedia(input: HeaderInput, type: HeaderMediaType): MediaObject {
	const reference = {
		source: input.headerMediaSource ?? 'link',
		link: input.headerMediaLink,
		id: input.headerMediaId,
	};
	return {
		...mediaReference('Header Media', reference),
		...(type === 'document' ? filenamePart(input.headerFilename) : {}),
	};
}

/** `{ type, <type>: … }` for a media header. */
export function mediaHeader(input: HeaderInput, type: HeaderMediaType): InteractiveHeader {
	const media = headerMedia(input, type);
	if (type === 'image') return { type, image: media };
	if (type === 'video') return { type, video: media };
	return { type, document: media };
}

/** Refuses a header type the panel does not offer; `field` names the type field. */
export function unknownHeaderType(field: string, value: unknown): MessageInputError {
	return new MessageInputError(
		field,
		`"${String(value)}" is not one of ${HEADER_TYPES.join(', ')}`,
	);
}

/**
 * The header of an interactive message (quick reply, link button), or undefined for none:
 * text of up to 60 characters without markdown, or media by link or id.
 */
export function buildInteractiveHeader(input: HeaderInput): InteractiveHeader | undefined {
	const type = input.headerType;
	if (type === 'none') return undefined;
	if (type === 'text') {
		const text = requireText('Header Text', input.headerText);
		checkLength('Header Text', text, MESSAGE_LIMITS.interactive.headerText);
		checkNoMarkdown('Header Text', text);
		return { type: 'text', text };
	}
	if (isMediaType(type)) return mediaHeader(input, type);
	throw unknownHeaderType('Header Type', type);
}
