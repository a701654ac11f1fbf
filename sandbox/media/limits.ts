/**
 * WhatsApp's media types and size limits (Meta's Cloud API, which Insider passes through), as
 * an upload is checked against them. Sizes count in binary units: 1 MB = 1,048,576 bytes and
 * 1 KB = 1,024 bytes.
 */
import type { ValidationProblem } from '../rules/checker';

const KB = 1024;
const MB = 1024 * KB;

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

interface KindLimit {
	kind: MediaKind;
	mimeTypes: string[];
	maxBytes: number;
	/** Stickers: an animated WebP may be larger than a static one. */
	animatedMaxBytes?: number;
}

export const MEDIA_LIMITS: KindLimit[] = [
	{ kind: 'image', mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
	{ kind: 'video', mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
	{
		kind: 'audio',
		mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
		maxBytes: 16 * MB,
	},
	{
		kind: 'document',
		mimeTypes: [
			'text/plain',
			'application/pdf',
			'application/msword',
			'application/vnd.ms-excel',
			'application/vnd.ms-powerpoint',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		],
		maxBytes: 100 * MB,
	},
	{ kind: 'sticker', mimeTypes: ['image/webp'], maxBytes: 100 * KB, animatedMaxBytes: 500 * KB },
];

/** The largest file any kind allows: what the upload endpoint reads at most. */
export const LARGEST_MEDIA_BYTES = Math.max(
	...MEDIA_LIMITS.map((l) => l.animatedMaxBytes ?? l.maxBytes),
);

/** `audio/ogg; codecs=opus` → base `audio/ogg`, parameters `{codecs: 'opus'}`. */
export function parseMimeType(type: string) {
	const [base, ...parameters] = type.split(';').map((part) => part.trim());
	const params = new Map<string, string>();
	for (const parameter of parameters) {
		const [name, value = ''] = parameter.split('=');
		params.set(name.trim().toLowerCase(), value.trim().replace(/^"|"$/g, '').toLowerCase());
	}
	return { base: base.toLowerCase(), params };
}

export function kindOfMimeType(type: string): KindLimit | undefined {
	const { base } = parseMimeType(type);
	return MEDIA_LIMITS.find((limit) => limit.mimeTypes.includes(base));
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

/** Meta takes OGG audio only with the Opus codec: the stream's first packet is OpusHead. */
function isOggOpus(bytes: Buffer): boolean {
	return ascii(bytes, 0, 4) === 'OggS' && ascii(bytes, 0, 64).includes('OpusHead');
}

const describe = (bytes: number) =>
	bytes >= MB ? `${bytes / MB} MB` : bytes >= KB ? `${bytes / KB} KB` : `${bytes} bytes`;

/** What WhatsApp would refuse about a file of this declared type, named by upload field. */
export function uploadProblems(type: string, bytes: Buffer): ValidationProblem[] {
	const limit = kindOfMimeType(type);
	if (!limit) {
		const all = MEDIA_LIMITS.flatMap((l) => l.mimeTypes).join(', ');
		return [{ field: 'type', problem: `unsupported media type "${type}"; use one of ${all}` }];
	}
	const { base, params } = parseMimeType(type);
	if (base === 'audio/ogg') {
		const codecs = params.get('codecs');
		if ((codecs !== undefined && codecs !== 'opus') || !isOggOpus(bytes))
			return [
				{ field: 'file', problem: 'OGG audio must be Opus-encoded (audio/ogg; codecs=opus)' },
			];
	}
	if (bytes.length === 0) return [{ field: 'file', problem: 'must not be empty' }];
	const animated = limit.kind === 'sticker' && isAnimatedWebp(bytes);
	const max = animated ? (limit.animatedMaxBytes ?? limit.maxBytes) : limit.maxBytes;
	if (bytes.length <= max) return [];
	const what = limit.kind === 'sticker' ? `${animated ? 'an animated' : 'a static'} sticker` : base;
	return [
		{
			field: 'file',
			problem: `size ${bytes.length} bytes exceeds the ${describe(max)} limit for ${what}`,
		},
	];
}
