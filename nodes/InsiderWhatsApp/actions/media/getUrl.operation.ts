/** Media > Get URL: `GET /v1/media/{id}`, the media object as Insider answers it. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { mediaIdInput } from '../../helpers/mediaInputs';
import type { MediaInfo } from '../../transport/mediaApi';
import { mediaInfo } from '../../transport/mediaApi';
import type { ItemRequests } from '../itemRequests';
import { runItemRequests } from '../itemRequests';
import { ParameterReader } from '../parameterReader';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const parameters = new ParameterReader(this);
	const getUrl: ItemRequests<string, MediaInfo> = {
		check: async (itemIndex) =>
			mediaIdInput((name, fallback) => parameters.get(name, itemIndex, fallback)),
		request: async (mediaId, kit) =>
			await kit.withRetries(async () => await mediaInfo(this, kit.connection.baseUrl, mediaId)),
		output: (_mediaId, info) => ({ json: info.object }),
		identify: (mediaId) => ({ mediaId }),
	};
	return await runItemRequests(this, parameters, getUrl);
}
