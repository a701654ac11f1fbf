/**
 * Media > Upload: an item's binary file to `POST /v1/media/upload`, checked against WhatsApp's
 * types and sizes first; the same bytes in several items are uploaded once and give one ID.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { checkMediaFile } from '../../helpers/mediaFiles';
import { binaryPropertyInput } from '../../helpers/mediaInputs';
import type { MediaType } from '../../helpers/messages/media';
import type { ItemRequestKit, ItemRequests } from '../itemRequests';
import { runItemRequests } from '../itemRequests';
import { ParameterReader } from '../parameterReader';
import type { BinaryFile } from './binaryFiles';
import { binaryFileOf } from './binaryFiles';
import { MediaUploads } from './mediaUploads';

const FIELD = 'Input Binary Field';

interface CheckedUpload {
	file: BinaryFile;
	kind: MediaType;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const parameters = new ParameterReader(this);
	let uploads: MediaUploads | undefined;
	const uploadsOf = (kit: ItemRequestKit) => (uploads = uploads ?? new MediaUploads(this, kit));
	const upload: ItemRequests<CheckedUpload, string> = {
		check: async (itemIndex) => {
			const name = binaryPropertyInput((n, fallback) => parameters.get(n, itemIndex, fallback));
			const file = await binaryFileOf(this, itemIndex, name, FIELD);
			return { file, kind: checkMediaFile(FIELD, file) };
		},
		request: async ({ file, kind }, kit) => await uploadsOf(kit).idOf(file, kind, FIELD),
		output: ({ file }, id) => ({
			json: { id, mimeType: file.mimeType, fileName: file.fileName ?? null, size: file.size },
		}),
		identify: ({ file }) => ({ fileName: file.fileName ?? null }),
		// Uploads go one at a time anyway (MediaUploads); more workers would only wait.
		maxInFlight: 1,
	};
	return await runItemRequests(this, parameters, upload);
}
