import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { REQUEST_TIMEOUT_MS, USER_AGENT } from '../constants';
import { parseRetryAfter } from './backoff';
import * as failures from './insiderErrors';
import type { InsiderFailure } from './insiderErrors';

/** The JSON body of one send request. */
export interface SendRequestBody {
	from?: string;
	callback?: string;
	messages: IDataObject[];
}

/** Insider said "not now" (429, 503, code 2020) or the connection was refused: nothing was done. */
export interface RetryOutcome {
	kind: 'retry';
	retryAfterMs?: number;
	/** A 429: retried while the key's time budget lasts, not counted against Max Retries. */
	rateLimited?: boolean;
	giveUp: (retries: number) => InsiderFailure;
}

/**
 * A request's end other than success or "try again":
 * - invalid: validation failed (400/2002), nothing was sent, the offender is among these messages;
 * - rejected: a definite refusal of this request only;
 * - fatal: every further request would fail the same way (wrong key, IP not allowed);
 * - unknown: the request may have been accepted; it must not be sent again automatically.
 */
export interface FailedOutcome {
	kind: 'invalid' | 'rejected' | 'fatal' | 'unknown';
	failure: InsiderFailure;
}

/**
 * How one send request ended, decided only from what is certain: accepted (one key per message,
 * in order), retry, or failed.
 */
export type SendOutcome = { kind: 'accepted'; keys: string[] } | RetryOutcome | FailedOutcome;

export interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

// Errors that prove the request never reached a server: safe to send again.
export const NOT_CONNECTED_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
]);

/** n8n's NodeApiError carries the system error code in httpCode; plain errors in code or cause. */
export function networkErrorCode(error: unknown): string {
	let current = error as { code?: unknown; httpCode?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		for (const candidate of [current.httpCode, current.code]) {
			if (typeof candidate === 'string' && /^E[A-Z_]+$/.test(candidate)) return candidate;
		}
		current = current.cause as typeof current;
	}
	const text = String((error as Error)?.message ?? error);
	return /timeout/i.test(text)
		? 'ETIMEDOUT'
		: /socket hang up/i.test(text)
			? 'ECONNRESET'
			: 'UNKNOWN';
}

export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/**
 * Refusals every Insider endpoint answers alike: 429 and 503/2020 (retry), 401 and 403 (fatal).
 * Undefined for anything else, which each endpoint reads its own way.
 */
export function classifyCommonRefusal(
	statusCode: number,
	headers: Record<string, unknown>,
	body: unknown,
): RetryOutcome | FailedOutcome | undefined {
	if (statusCode === 429) {
		return {
			kind: 'retry',
			retryAfterMs: parseRetryAfter(headers['retry-after']),
			rateLimited: true,
			giveUp: (retries) => failures.rateLimited(statusCode, body, retries),
		};
	}
	if (statusCode === 503 || failures.insiderErrorCode(body) === 2020) {
		return {
			kind: 'retry',
			retryAfterMs: parseRetryAfter(headers['retry-after']),
			giveUp: (retries) => failures.maintenance(statusCode, body, retries),
		};
	}
	if (statusCode === 401)
		return { kind: 'fatal', failure: failures.unauthorized(statusCode, body) };
	if (statusCode === 403)
		return { kind: 'fatal', failure: failures.forbidden(statusCode, body, USER_AGENT) };
	return undefined;
}

/** A 2xx answer that carries no Insider error code. */
export const isSuccess = (statusCode: number, body: unknown) =>
	statusCode >= 200 && statusCode < 300 && failures.insiderErrorCode(body) === undefined;

export function classifyResponse(response: FullResponse, messageCount: number): SendOutcome {
	const { statusCode, headers } = response;
	const body = parseBody(response.body);
	if (isSuccess(statusCode, body)) {
		const keys = (body as { keys?: unknown })?.keys;
		if (
			Array.isArray(keys) &&
			keys.length === messageCount &&
			keys.every((k) => typeof k === 'string')
		) {
			return { kind: 'accepted', keys: keys as string[] };
		}
		return {
			kind: 'unknown',
			failure: failures.keyCountMismatch(Array.isArray(keys) ? keys.length : 0, messageCount),
		};
	}
	const common = classifyCommonRefusal(statusCode, headers, body);
	if (common) return common;
	if (statusCode === 400 && failures.insiderErrorCode(body) === 2002)
		return { kind: 'invalid', failure: failures.badRequest(statusCode, body) };
	if (statusCode >= 400 && statusCode < 500)
		return { kind: 'rejected', failure: failures.badRequest(statusCode, body) };
	return { kind: 'unknown', failure: failures.serverError(statusCode, body) };
}

export function classifyNetworkError(error: unknown, baseUrl: string): SendOutcome {
	const code = networkErrorCode(error);
	if (NOT_CONNECTED_CODES.has(code)) {
		return { kind: 'retry', giveUp: (retries) => failures.unreachable(code, baseUrl, retries) };
	}
	return { kind: 'unknown', failure: failures.noAnswer(code) };
}

/** The credential's base URL, or Insider's own; a trailing slash is fine. */
export function baseUrlOf(credentials: { baseUrl?: unknown }, fallback: string): string {
	const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (configured || fallback).replace(/\/+$/, '');
}

/** Sends one request to Insider and classifies the answer; never throws for HTTP or network errors. */
export async function sendOnce(
	context: IExecuteFunctions,
	baseUrl: string,
	path: string,
	body: SendRequestBody,
): Promise<SendOutcome> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${baseUrl}${path}`,
		headers: { 'User-Agent': USER_AGENT, 'Content-Type': 'application/json' },
		body: body as unknown as IDataObject,
		json: true,
		timeout: REQUEST_TIMEOUT_MS,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	let response: FullResponse;
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			'insiderWhatsAppApi',
			options,
		)) as FullResponse;
	} catch (error) {
		return classifyNetworkError(error, baseUrl);
	}
	return classifyResponse(response, body.messages.length);
}
