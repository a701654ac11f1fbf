/**
 * Media > Download: the media's URL from `GET /v1/media/{id}`, then the file itself, streamed
 * into n8n's binary data store (so it is not held in memory twice). The Insider key goes only
 * to the Base URL's origin (transport/mediaDownload).
 */
import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { fileNameFor } from '../../helpers/mediaFiles';
import type { DownloadInput } from '../../helpers/mediaInputs';
import { downloadInput } from '../../helpers/mediaInputs';
import type { SettledApiOutcome } from '../../transport/apiRequest';
import type { MediaInfo } from '../../transport/mediaApi';
import { mediaInfo } from '../../transport/mediaApi';
import { FileTooLargeError, fileTooLarge } from '../../transport/downloadCap';
import { startDownload } from '../../transport/mediaDownload';
import type { ItemRequestKit, ItemRequests } from '../itemRequests';
import { runItemRequests } from '../itemRequests';
import { ParameterReader } from '../parameterReader';

interface Downloaded {
	info: MediaInfo;
	binary: IBinaryData;
}

/** Downloads at once at most: each holds a connection, and in n8n's memory mode its file. */
const DOWNLOADS_IN_FLIGHT = 2;

async function download(
	context: IExecuteFunctions,
	input: DownloadInput,
	kit: ItemRequestKit,
): Promise<SettledApiOutcome<Downloaded> | undefined> {
	const { baseUrl } = kit.connection;
	const info = await kit.withRetries(async () => await mediaInfo(context, baseUrl, input.mediaId));
	if (info?.kind !== 'accepted') return info;
	const file = await kit.withRetries(
		async () => await startDownload(context, baseUrl, info.value.url, input.maxBytes),
	);
	if (file?.kind !== 'accepted') return file;
	const mimeType = info.value.mimeType ?? file.value.mimeType ?? 'application/octet-stream';
	const fileName = input.fileName || fileNameFor(input.mediaId, mimeType);
	try {
		const binary = await context.helpers.prepareBinaryData(file.value.stream, fileName, mimeType);
		return { kind: 'accepted', value: { info: info.value, binary } };
	} catch (error) {
		// The stream's error comes out of n8n's store as it is; nothing partial is returned.
		if (error instanceof FileTooLargeError)
			return { kind: 'rejected', failure: fileTooLarge(error.maxBytes) };
		return {
			kind: 'rejected',
			failure: {
				message: `The download broke off: ${(error as Error).message}`,
				description: 'Nothing was kept of the file. Run the node again to download it anew.',
			},
		};
	}
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const parameters = new ParameterReader(this);
	const downloads: ItemRequests<DownloadInput, Downloaded> = {
		check: async (itemIndex) =>
			downloadInput((name, fallback) => parameters.get(name, itemIndex, fallback)),
		request: async (input, kit) => await download(this, input, kit),
		output: (input, { info, binary }) => ({
			json: info.object,
			binary: { [input.binaryPropertyName]: binary },
		}),
		identify: (input) => ({ mediaId: input.mediaId }),
		maxInFlight: DOWNLOADS_IN_FLIGHT,
	};
	return await runItemRequests(this, parameters, downloads);
}
