/**
 * One authenticated request to an Insider endpoint other than the send endpoints (mark as read,
 * media upload, media information), classified the way sends are where Insider answers alike
 * (429, 503/2020, 401, 403), and tried again where a send could not be: nothing these requests
 * do reaches a contact, so a 5xx or a lost connection is simply asked again.
 */
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { REQUEST_TIMEOUT_MS, USER_AGENT } from '../constants';
import type { ApiPurpose } from './apiFailures';
import { connectionTrouble, refused, serverTrouble } from './apiFailures';
import type { FailedOutcome, FullResponse, RetryOutcome } from './insiderClient';
import { classifyCommonRefusal, isSuccess, networkErrorCode, parseBody } from './insiderClient';

export type ApiOutcome<T> = { kind: 'accepted'; value: T } | RetryOutcome | FailedOutcome;

/** A request's final outcome, once retries are over. */
export type SettledApiOutcome<T> = { kind: 'accepted'; value: T } | FailedOutcome;

/** A success answer: its status, headers and parsed body. */
export type ApiAnswer = FullResponse;

export function classifyApiResponse(
	response: FullResponse,
	purpose: ApiPurpose,
	keySent = true,
): ApiOutcome<ApiAnswer> {
	const { statusCode, headers } = response;
	const body = parseBody(response.body);
	if (isSuccess(statusCode, body)) return { kind: 'accepted', value: { ...response, body } };
	// Without the key, a 401 or 403 says nothing about the key (a download URL on another host).
	const common = keySent ? classifyCommonRefusal(statusCode, headers, body) : undefined;
	if (common) return common;
	// Another host's 429 is its own business, not the key's: asked again after a backoff.
	if (statusCode >= 500 || (!keySent && statusCode === 429))
		return {
			kind: 'retry',
			giveUp: (retries) => serverTrouble(purpose, statusCode, body, retries),
		};
	return { kind: 'rejected', failure: refused(purpose, statusCode, body) };
}

/** Any failed connection is asked again: the request changes nothing a contact sees. */
export function classifyApiNetworkError(error: unknown, url: string, purpose: ApiPurpose) {
	const code = networkErrorCode(error);
	return {
		kind: 'retry' as const,
		giveUp: (retries: number) => connectionTrouble(purpose, code, url, retries),
	};
}

/**
 * Sends one request with the Insider key. Redirects are not followed: the key goes to the Base
 * URL's host only, and a redirect could carry it elsewhere.
 */
export async function callInsider(
	context: IExecuteFunctions,
	options: IHttpRequestOptions,
	purpose: ApiPurpose,
): Promise<ApiOutcome<ApiAnswer>> {
	let response: FullResponse;
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			'insiderWhatsAppApi',
			{
				timeout: REQUEST_TIMEOUT_MS,
				...options,
				headers: { 'User-Agent': USER_AGENT, ...options.headers },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				abortSignal: context.getExecutionCancelSignal?.(),
			},
		)) as FullResponse;
	} catch (error) {
		return classifyApiNetworkError(error, options.url, purpose);
	}
	return classifyApiResponse(response, purpose);
}
