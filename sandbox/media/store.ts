/**
 * The media the sandbox can serve: files uploaded through the API and the contact's samples.
 * Ids look like Meta's (16 digits). Uploads are kept in memory up to MAX_STORED_UPLOAD_BYTES;
 * beyond that the oldest uploads are forgotten first. The samples are never forgotten.
 */
import { createHash, randomBytes, randomInt } from 'crypto';

import { samplePhotoPng, sampleVoiceNoteOgg } from './samples';

/** Uploads the store keeps at once, in bytes (a 100 MB document fits a few times). */
export const MAX_STORED_UPLOAD_BYTES = 512 * 1024 * 1024;

export const SAMPLE_PHOTO_ID = '2460000000000001';
export const SAMPLE_VOICE_NOTE_ID = '2460000000000002';

export interface StoredMedia {
	id: string;
	mimeType: string;
	/** Hex SHA-256 of the bytes, as Meta reports it. */
	sha256: string;
	size: number;
	origin: 'upload' | 'sample';
	at: string;
	fileName?: string;
	/** The download URL's secret, so a URL is needed to fetch the bytes on the media host. */
	hash: string;
	bytes: Buffer;
}

export type MediaInfo = Omit<StoredMedia, 'bytes' | 'hash'>;

/** 16 digits, like Meta's media ids. */
const newMediaId = () => `${randomInt(1, 10)}${String(randomInt(0, 2 ** 47)).padStart(15, '0')}`;

export class MediaStore {
	private readonly media = new Map<string, StoredMedia>();

	private uploadBytes = 0;

	constructor() {
		this.put(SAMPLE_PHOTO_ID, samplePhotoPng(), 'image/png', 'sample', 'sandbox-photo.png');
		this.put(SAMPLE_VOICE_NOTE_ID, sampleVoiceNoteOgg(), 'audio/ogg; codecs=opus', 'sample');
	}

	upload(bytes: Buffer, mimeType: string, fileName?: string): StoredMedia {
		this.uploadBytes += bytes.length;
		for (const stored of this.media.values()) {
			if (this.uploadBytes <= MAX_STORED_UPLOAD_BYTES) break;
			if (stored.origin === 'upload') this.forget(stored);
		}
		return this.put(newMediaId(), bytes, mimeType, 'upload', fileName);
	}

	get(id: string): StoredMedia | undefined {
		return this.media.get(id);
	}

	has(id: string): boolean {
		return this.media.has(id);
	}

	list(): MediaInfo[] {
		return [...this.media.values()].map((m) => ({
			id: m.id,
			mimeType: m.mimeType,
			sha256: m.sha256,
			size: m.size,
			origin: m.origin,
			at: m.at,
			fileName: m.fileName,
		}));
	}

	/** Forgets every upload; the samples stay. */
	clearUploads(): void {
		for (const stored of [...this.media.values()])
			if (stored.origin === 'upload') this.forget(stored);
	}

	private forget(stored: StoredMedia) {
		this.media.delete(stored.id);
		this.uploadBytes -= stored.size;
	}

	private put(
		id: string,
		bytes: Buffer,
		mimeType: string,
		origin: StoredMedia['origin'],
		fileName?: string,
	): StoredMedia {
		const stored: StoredMedia = {
			id,
			mimeType,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			size: bytes.length,
			origin,
			at: new Date().toISOString(),
			fileName,
			hash: randomBytes(12).toString('hex'),
			bytes,
		};
		this.media.set(id, stored);
		return stored;
	}
}
