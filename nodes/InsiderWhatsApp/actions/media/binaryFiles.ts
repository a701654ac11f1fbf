/**
 * A file an item holds as n8n binary data, known before its bytes are read: its MIME type, name
 * and size, and an identity that tells the same stored bytes apart without reading them (n8n's
 * binary id, or in n8n's memory mode the base64 text itself). Works in either of n8n's binary
 * modes, through n8n's helpers.
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import type { FileFacts } from '../../helpers/mediaFiles';
import { MessageInputError } from '../../helpers/messages/messageInput';

export interface BinaryFile extends FileFacts {
	identity: { id: string } | { data: string };
	read(): Promise<Buffer>;
}

/** Binary field names listed at most in an error. */
const LISTED_NAMES = 10;

function missingField(context: IExecuteFunctions, itemIndex: number, field: string, name: string) {
	const names = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
	const has = names.length
		? ` (it has ${names
				.slice(0, LISTED_NAMES)
				.map((n) => `"${n}"`)
				.join(', ')}${names.length > LISTED_NAMES ? ', …' : ''})`
		: ' (it has no binary data at all)';
	return new MessageInputError(field, `the item has no binary field "${name}"${has}`);
}

async function sizeOf(context: IExecuteFunctions, binary: IBinaryData, field: string) {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) {
		const metadata = await context.helpers.getBinaryMetadata(binary.id).then(
			(found) => ({ size: found.fileSize }),
			(error: Error) => ({ problem: error.message }),
		);
		if ('problem' in metadata)
			throw new MessageInputError(field, `its binary data cannot be read: ${metadata.problem}`);
		return metadata.size;
	}
	// n8n's memory mode: the bytes are base64 in `data`; their count needs no decoding.
	return Buffer.byteLength(binary.data ?? '', 'base64');
}

/** The binary file in the item's field `propertyName`; `field` is how the panel names it. */
export async function binaryFileOf(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	field: string,
): Promise<BinaryFile> {
	const name = propertyName.trim();
	if (name === '')
		throw new MessageInputError(
			field,
			'is empty: give the name of the binary field that holds the file (n8n names the first one "data")',
		);
	let binary: IBinaryData | undefined;
	try {
		binary = context.helpers.assertBinaryData(itemIndex, name);
	} catch {
		binary = undefined;
	}
	if (!binary) throw missingField(context, itemIndex, field, name);
	return {
		mimeType: binary.mimeType ?? '',
		fileName: binary.fileName || undefined,
		size: await sizeOf(context, binary, field),
		identity: binary.id ? { id: binary.id } : { data: binary.data ?? '' },
		read: async () => await context.helpers.getBinaryDataBuffer(itemIndex, name),
	};
}
