/** The fields of the Media resource's operations, read and checked (MessageInputError names the field). */
import { LARGEST_MEDIA_BYTES } from './mediaFiles';
import type { FieldReader } from './messages/messageInput';
import { MessageInputError } from './messages/messageInput';
import { textOf } from './readReceiptInput';

/** Media ID: uploaded through Insider, or of a photo or voice note a contact sent. */
export function mediaIdInput(read: FieldReader): string {
	const mediaId = textOf(read('mediaId', ''));
	if (mediaId === '')
		throw new MessageInputError(
			'Media ID',
			"is empty: give the ID of uploaded media (Upload's id) or of media a contact sent (the trigger's media.id)",
		);
	return mediaId;
}

/** The binary field a file is read from or written to. */
export const binaryPropertyInput = (read: FieldReader) =>
	textOf(read('binaryPropertyName', 'data'));

export interface DownloadOptions {
	maxFileSizeMb?: number;
	fileName?: string;
}

export interface DownloadInput {
	mediaId: string;
	binaryPropertyName: string;
	maxBytes: number;
	fileName: string;
}

const MB = 1024 * 1024;

export function downloadInput(read: FieldReader): DownloadInput {
	const mediaId = mediaIdInput(read);
	const binaryPropertyName = binaryPropertyInput(read);
	if (binaryPropertyName === '')
		throw new MessageInputError(
			'Put Output File in Field',
			'is empty: give the binary field the file goes to, such as data',
		);
	const options = read<DownloadOptions>('options', {});
	const maxMb = Number(options.maxFileSizeMb ?? LARGEST_MEDIA_BYTES / MB);
	return {
		mediaId,
		binaryPropertyName,
		maxBytes: Math.max(0, maxMb) * MB,
		fileName: textOf(options.fileName),
	};
}
