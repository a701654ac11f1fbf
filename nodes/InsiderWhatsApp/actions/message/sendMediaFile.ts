/**
 * Send Media's Binary File source: the item's binary file, checked against WhatsApp's limits
 * for the chosen Media Type, is uploaded once and sent by its media ID. A document without a
 * Filename is shown to the contact under the binary file's own name.
 */
import { checkMediaFile } from '../../helpers/mediaFiles';
import type { MediaType } from '../../helpers/messages/media';
import { MEDIA_TYPES } from '../../helpers/messages/media';
import { textOf } from '../../helpers/readReceiptInput';
import { binaryFileOf } from '../media/binaryFiles';
import type { UploadStep } from '../sendPipeline/uploadStep';

export const SEND_MEDIA_FILE_FIELD = 'Input Binary Field';

export const sendMediaFile: UploadStep = async (context, read, itemIndex) => {
	if (read<string>('mediaSource', 'link') !== 'binary') return undefined;
	const mediaType = read<MediaType>('mediaType', 'image');
	// The builder refuses an unknown Media Type with its own error.
	if (!MEDIA_TYPES.includes(mediaType)) return undefined;
	const field = SEND_MEDIA_FILE_FIELD;
	const name = textOf(read('binaryPropertyName', 'data'));
	const file = await binaryFileOf(context, itemIndex, name, field);
	const kind = checkMediaFile(field, file, mediaType);
	const ownName =
		mediaType === 'document' && textOf(read('filename', '')) === '' && file.fileName
			? { filename: file.fileName }
			: {};
	return { file, kind, field, fields: (mediaId) => ({ mediaSource: 'id', mediaId, ...ownName }) };
};
