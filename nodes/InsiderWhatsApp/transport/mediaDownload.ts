/**
 * Fetching a media file from the URL Insider's media information names, as a stream that n8n's
 * binary helpers store as it arrives. The Insider key goes only to the Base URL's origin
 * (scheme, host and port): a URL on any other host, or a redirect to one, is fetched without it.
 * Redirects are followed here, by hand, so that rule holds for each of them.
 */
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { REQUEST_TIMEOUT_MS, USER_AGENT } from '../constants';
import { redactUrl } from '../helpers/redactUrl';
import type { ApiPurpose } from './apiFailures';
import type { ApiOutcome } from './apiRequest';
import { classifyApiNetworkError, classifyApiResponse } from './apiRequest';
import { capDownload, fileTooLarge } from './downloadCap';
import type { FullResponse } from './insiderClient';
import { parseBody } from './insiderClient';

/** What n8n's prepareBinaryData takes: the response stream. */
export type DownloadStream = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

export interface Download {
	stream: DownloadStream;
	/** The answer's Content-Type. */
	mimeType?: string;
}

/** Redirects followed at most, as browsers and n8n's HTTP Request node bound them too. */
export const MAX_REDIRECTS = 5;

/** Error bodies larger than this are not read (only their status is reported). */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

export const DOWNLOAD: ApiPurpose = {
	action: 'download the media',
	check:
		"The download URL may have expired (Meta's last about five minutes): run the node again, it asks for a fresh one. A file a contact sent stays downloadable for a limited time only.",
	codes: { 2019: 'media download failed' },
};

/** Frees a response body the node does not read. */
function discard(body: unknown) {
	(body as { destroy?: () => void } | undefined)?.destroy?.();
}

/** The body of an error answer, when it is small enough to read. */
async function errorBody(context: IExecuteFunctions, response: FullResponse): Promise<unknown> {
	const length = Number(response.headers['content-length']);
	if (!(length >= 0 && length <= MAX_ERROR_BODY_BYTES)) {
		discard(response.body);
		return undefined;
	}
	const bytes = await context.helpers.binaryToBuffer(response.body as DownloadStream);
	return parseBody(bytes.toString('utf8'));
}

const rejected = (message: string, description: string) => ({
	kind: 'rejected' as const,
	failure: { message, description },
});

/**
 * Starts the download of `url`; the stream is the caller's to consume. A Content-Length above
 * `maxBytes` is refused before anything is read; without one (or with a wrong one) the stream
 * errors with a FileTooLargeError once more than `maxBytes` have arrived (downloadCap).
 */
export async function startDownload(
	context: IExecuteFunctions,
	baseUrl: string,
	url: string,
	maxBytes: number,
): Promise<ApiOutcome<Download>> {
	const apiOrigin = new URL(baseUrl).origin;
	let current = url;
	for (let redirects = 0; ; redirects++) {
		let target: URL;
		try {
			target = new URL(current);
		} catch {
			return rejected(`The download URL "${redactUrl(current.slice(0, 200))}" is not a URL`, '');
		}
		if (target.protocol !== 'https:' && target.protocol !== 'http:')
			return rejected(`The download URL is not http(s): ${target.protocol}`, '');
		const withKey = target.origin === apiOrigin;
		const options: IHttpRequestOptions = {
			method: 'GET',
			url: current,
			headers: { 'User-Agent': USER_AGENT },
			encoding: 'stream',
			timeout: REQUEST_TIMEOUT_MS,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			abortSignal: context.getExecutionCancelSignal?.(),
		};
		let response: FullResponse;
		try {
			response = (
				withKey
					? await context.helpers.httpRequestWithAuthentication.call(
							context,
							'insiderWhatsAppApi',
							options,
						)
					: await context.helpers.httpRequest(options)
			) as FullResponse;
		} catch (error) {
			return classifyApiNetworkError(error, current, DOWNLOAD);
		}
		const { statusCode, headers } = response;
		const location = headers.location;
		if (statusCode >= 300 && statusCode < 400 && typeof location === 'string') {
			discard(response.body);
			if (redirects >= MAX_REDIRECTS)
				return rejected(
					`The download was redirected more than ${MAX_REDIRECTS} times`,
					"Insider's download URL keeps redirecting: report it to Insider support.",
				);
			current = new URL(location, current).toString();
			continue;
		}
		if (statusCode < 200 || statusCode >= 300) {
			const body = await errorBody(context, response);
			const outcome = classifyApiResponse({ statusCode, headers, body }, DOWNLOAD, withKey);
			return outcome.kind === 'accepted'
				? rejected(`Insider answered ${statusCode} to the download`, DOWNLOAD.check)
				: outcome;
		}
		const size = Number(headers['content-length']);
		if (size > maxBytes || !capDownload(response.body, maxBytes)) {
			discard(response.body);
			return {
				kind: 'rejected',
				failure: fileTooLarge(maxBytes, size > maxBytes ? size : undefined),
			};
		}
		const type = headers['content-type'];
		return {
			kind: 'accepted',
			value: {
				stream: response.body as DownloadStream,
				mimeType: typeof type === 'string' ? type : undefined,
			},
		};
	}
}
