/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * What every Insider API endpoint does before its own work, in Insider's order: the firewall
 * (a missing User-Agent), the key, the key's IP allow-list, a scripted fault, then the one
 * per-key rate limit shared by all endpoints. Each request is recorded with its answer.
 */
import { randomUUID } from 'crypto';
import type http from 'http';

import type { FaultBook, FaultSpec } from './faults';
import { mask, sendJson } from './httpIo';
import type { ResolvedOptions } from './options';
import type { SlidingWindowLimiter } from './rateLimiter';
import type { RecordedRequest, RequestKind } from './records';

export const IP_RESTRICTED = {
	message: 'ip-restricted',
	error: { message: 'ip-restricted', code: 1088 },
};
export const UNAUTHORIZED = { message: 'unauthorized' };
const TOO_MANY = { message: 'too many requests' };
const MAINTENANCE = {
	message: 'maintenance mode is active',
	error: { code: 2020, message: 'maintenance mode is active' },
};

/** What the API endpoints share with the sandbox. */
export interface ApiContext {
	options: ResolvedOptions;
	faults: FaultBook;
	limiter: SlidingWindowLimiter;
	requests: RecordedRequest[];
}

/** A request that passed the gate: its key, its log entry and how to answer it. */
export interface AdmittedCall {
	apiKey: string;
	log: RecordedRequest;
	answer(statusCode: number, body: unknown, headers?: Record<string, string>): void;
	/** Answers 200, or, under an `accept-then-reset` fault, closes the connection instead. */
	succeed(body: unknown): void;
}

export const apiKeyOf = (request: http.IncomingMessage) =>
	String(request.headers['x-ins-auth-key'] ?? '');

/**
 * Records the request and runs the shared checks. Returns the admitted call, or undefined when
 * a check already answered.
 */
export async function admit(
	context: ApiContext,
	kind: RequestKind,
	endpoint: string,
	request: http.IncomingMessage,
	response: http.ServerResponse,
	body: string,
): Promise<AdmittedCall | undefined> {
	const apiKey = apiKeyOf(request);
	const userAgent = String(request.headers['user-agent'] ?? '');
	const log: RecordedRequest = {
		id: randomUUID(),
		kind,
		endpoint,
		at: new Date().toISOString(),
		apiKey: mask(apiKey),
		userAgent,
		statusCode: 0,
		messageCount: 0,
		body,
	};
	context.requests.push(log);
	const answer: AdmittedCall['answer'] = (statusCode, answerBody, headers = {}) => {
		log.statusCode = statusCode;
		sendJson(response, statusCode, answerBody, headers);
	};

	if (userAgent.trim() === '') return void answer(403, IP_RESTRICTED);
	if (!context.options.keys.includes(apiKey)) return void answer(401, UNAUTHORIZED);
	if (context.options.ipRestrictedKeys.includes(apiKey)) return void answer(403, IP_RESTRICTED);

	const fault = context.faults.take(apiKey);
	if (fault) log.fault = fault.kind;
	if (fault && (await answerWithFault(fault, request, response, answer))) return undefined;
	if (!context.limiter.allow(apiKey)) return void answer(429, TOO_MANY);

	const succeed = (answerBody: unknown) => {
		if (fault?.kind !== 'accept-then-reset') return answer(200, answerBody);
		log.statusCode = -1;
		request.socket.destroy();
	};
	return { apiKey, log, answer, succeed };
}

/** Applies a scripted fault; returns true when the fault answered the request itself. */
async function answerWithFault(
	fault: FaultSpec,
	request: http.IncomingMessage,
	response: http.ServerResponse,
	answer: AdmittedCall['answer'],
): Promise<boolean> {
	const retryAfter: Record<string, string> =
		fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
	switch (fault.kind) {
		case 'rate-limit':
			answer(429, TOO_MANY, retryAfter);
			return true;
		case 'server-error':
			answer(500, { message: 'internal server error' });
			return true;
		case 'maintenance':
			answer(503, MAINTENANCE, retryAfter);
			return true;
		case 'reset':
			request.socket.destroy();
			return true;
		case 'delay':
			await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
			return response.destroyed;
		default:
			return false;
	}
}
