/**
 * WhatsApp's media types and size limits (Meta's Cloud API, which Insider passes through; see
 * README "Media"), checked on a file before it is uploaded. Sizes count in binary units:
 * 1 MB = 1,048,576 bytes, 1 KB = 1,024 bytes.
 */
import { lookupTable } from '../../shared/jsonValues';
import type { MediaType } from './messages/media';
import { MessageInputError } from './messages/messageInput';

const KB = 1024;
const MB = 1024 * KB;

interface MediaKind {
	/** MIME types without parameters, lower case. */
	mimeTypes: readonly string[];
	/** In words, for errors: "JPEG or PNG". */
	formats: string;
	maxBytes: number;
	/** Stickers: an animated WebP may be larger than a static one. */
	animatedMaxBytes?: number;
}

export const MEDIA_KINDS: Readonly<Record<MediaType, MediaKind>> = {
	image: { mimeTypes: ['image/jpeg', 'image/png'], formats: 'JPEG or PNG', maxBytes: 5 * MB },
	video: { mimeTypes: ['video/mp4', 'video/3gpp'], formats: 'MP4 or 3GPP', maxBytes: 16 * MB },
	audio: {
		mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
		formats: 'AAC, AMR, MP3, M4A or OGG Opus',
		maxBytes: 16 * MB,
	},
	document: {
		mimeTypes: [
			'text/plain',
			'text/csv',
			'application/pdf',
			'application/msword',
			'application/vnd.ms-excel',
			'application/vnd.ms-powerpoint',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		],
		formats: 'PDF, text, CSV, Word, Excel or PowerPoint',
		maxBytes: 100 * MB,
	},
	sticker: {
		mimeTypes: ['image/webp'],
		formats: 'WebP',
		maxBytes: 100 * KB,
		animatedMaxBytes: 500 * KB,
	},
};

/** The largest file WhatsApp takes of any kind. */
export const LARGEST_MEDIA_BYTES = MEDIA_KINDS.document.maxBytes;

/** What the node knows about a file before reading its bytes. */
export interface FileFacts {
	mimeType: string;
	size: number;
	fileName?: string;
}

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
export const baseMimeType = (mimeType: string) => mimeType.split(';')[0].trim().toLowerCase();

/** The kind a MIME type belongs to; a sticker's WebP counts as a sticker, never as an image. */
export function kindOfMimeType(mimeType: string): MediaType | undefined {
	const base = baseMimeType(mimeType);
	const kinds = Object.keys(MEDIA_KINDS) as MediaType[];
	return kinds.find((kind) => MEDIA_KINDS[kind].mimeTypes.includes(base));
}

/** `5 MB`, `100 KB`, `12 bytes`. */
export function describeSize(bytes: number): string {
	if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
	if (bytes >= KB) return `${Math.round((bytes / KB) * 10) / 10} KB`;
	return `${bytes} bytes`;
}

/** "an image", "a video", "audio", …: how errors name a kind. */
const A_KIND: Record<MediaType, string> = {
	image: 'an image',
	video: 'a video',
	audio: 'audio',
	document: 'a document',
	sticker: 'a sticker',
};

const named = (file: FileFacts) => (file.fileName ? `"${file.fileName}" ` : '');

/**
 * The file's kind once its MIME type and size are checked against WhatsApp's limits: `expected`
 * when the operation names one (Send Media's Media Type), else the kind of its MIME type.
 * A sticker may be up to the animated limit here; checkFileBytes tells static from animated.
 */
export function checkMediaFile(field: string, file: FileFacts, expected?: MediaType): MediaType {
	const kind = kindOfMimeType(file.mimeType);
	const type = file.mimeType || 'no MIME type';
	if (expected && kind !== expected) {
		const wanted = MEDIA_KINDS[expected];
		throw new MessageInputError(
			field,
			`the file ${named(file)}is ${type}; WhatsApp takes ${A_KIND[expected]} as ${wanted.formats} (${wanted.mimeTypes.join(', ')})`,
		);
	}
	if (!kind) {
		const all = Object.values(MEDIA_KINDS).flatMap((k) => k.mimeTypes);
		throw new MessageInputError(
			field,
			`the file ${named(file)}is ${type}, which WhatsApp does not take; use one of ${all.join(', ')}`,
		);
	}
	const limit = MEDIA_KINDS[kind];
	if (file.size === 0) throw new MessageInputError(field, `the file ${named(file)}is empty`);
	const max = limit.animatedMaxBytes ?? limit.maxBytes;
	if (file.size > max) {
		throw new MessageInputError(
			field,
			`the file ${named(file)}is ${describeSize(file.size)} (${file.size} bytes); the limit for ${A_KIND[kind]} is ${describeSize(max)}${limit.animatedMaxBytes ? ' (animated)' : ''}`,
		);
	}
	return kind;
}

const ascii = (bytes: Buffer, start: number, end: number) =>
	bytes.subarray(start, end).toString('latin1');

/** A WebP with the VP8X header's animation flag set. */
export function isAnimatedWebp(bytes: Buffer): boolean {
	return (
		bytes.length >= 21 &&
		ascii(bytes, 0, 4) === 'RIFF' &&
		ascii(bytes, 8, 12) === 'WEBP' &&
		ascii(bytes, 12, 16) === 'VP8X' &&
		(bytes[20] & 0x02) !== 0
	);
}

/** WhatsApp takes OGG audio only with the Opus codec: the stream's first packet is OpusHead. */
const isOggOpus = (bytes: Buffer) =>
	ascii(bytes, 0, 4) === 'OggS' && ascii(bytes, 0, 64).includes('OpusHead');

/** What only the bytes tell: a static sticker's smaller limit, and Opus inside OGG audio. */
export function checkFileBytes(field: string, kind: MediaType, file: FileFacts, bytes: Buffer) {
	if (kind === 'sticker' && !isAnimatedWebp(bytes) && bytes.length > MEDIA_KINDS.sticker.maxBytes) {
		throw new MessageInputError(
			field,
			`the file ${named(file)}is a static sticker of ${describeSize(bytes.length)}; the limit for a static sticker is ${describeSize(MEDIA_KINDS.sticker.maxBytes)} (${describeSize(MEDIA_KINDS.sticker.animatedMaxBytes as number)} animated)`,
		);
	}
	if (baseMimeType(file.mimeType) === 'audio/ogg' && !isOggOpus(bytes)) {
		throw new MessageInputError(
			field,
			`the file ${named(file)}is OGG audio without the Opus codec; WhatsApp takes OGG only as Opus`,
		);
	}
}

/** A file name for a MIME type WhatsApp takes, when the file has none of its own. */
const extensionOf = lookupTable<string>({
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'video/mp4': 'mp4',
	'video/3gpp': '3gp',
	'audio/aac': 'aac',
	'audio/amr': 'amr',
	'audio/mpeg': 'mp3',
	'audio/mp4': 'm4a',
	'audio/ogg': 'ogg',
	'text/plain': 'txt',
	'text/csv': 'csv',
	'application/pdf': 'pdf',
});

export function fileNameFor(name: string, mimeType: string): string {
	const extension = extensionOf(baseMimeType(mimeType));
	return extension ? `${name}.${extension}` : name;
}
