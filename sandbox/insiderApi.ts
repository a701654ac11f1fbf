/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
import { randomUUID } from 'crypto';
import type http from 'http';

import type { FaultBook, FaultSpec } from './faults';
import { mask, readBody, sendJson } from './httpIo';
import type { ResolvedOptions } from './options';
import type { SlidingWindowLimiter } from './rateLimiter';
import type { RecordedRequest } from './records';
import {
	decodeErrorBody,
	rejectedRecipientProblems,
	validateSendRequest,
	validationErrorBody,
} from './validation';

/** Insider documents the same envelope for both. */
export const SEND_ENDPOINTS = new Set(['/v1/conversational/send', '/v1/send']);

const IP_RESTRICTED = { message: 'ip-restricted', error: { message: 'ip-restricted', code: 1088 } };
const UNAUTHORIZED = { message: 'unauthorized' };
const TOO_MANY = { message: 'too many requests' };
const MAINTENANCE = {
	message: 'maintenance mode is active',
	error: { code: 2020, message: 'maintenance mode is active' },
};

type Answer = (statusCode: number, body: unknown, headers?: Record<string, string>) => void;

/** What the send endpoints need from the sandbox. */
export interface SendContext {
	options: ResolvedOptions;
	faults: FaultBook;
	limiter: SlidingWindowLimiter;
	requests: RecordedRequest[];
	/** Records a validated request's messages and returns their keys, in order. */
	accept(
		endpoint: string,
		apiKey: string,
		body: Record<string, unknown>,
		log: RecordedRequest,
	): string[];
}

/** `POST /v1/conversational/send` and `POST /v1/send`, checked in Insider's order. */
export async function handleSend(
	context: SendContext,
	endpoint: string,
	request: http.IncomingMessage,
	response: http.ServerResponse,
) {
	const raw = await readBody(request);
	const apiKey = String(request.headers['x-ins-auth-key'] ?? '');
	const userAgent = String(request.headers['user-agent'] ?? '');
	const log: RecordedRequest = {
		id: randomUUID(),
		endpoint,
		at: new Date().toISOString(),
		apiKey: mask(apiKey),
		userAgent,
		statusCode: 0,
		messageCount: 0,
		body: raw.toString('utf8'),
	};
	context.requests.push(log);
	const answer: Answer = (statusCode, body, headers = {}) => {
		log.statusCode = statusCode;
		sendJson(response, statusCode, body, headers);
	};

	// Order of checks: Insider's firewall, then authentication, then the key's IP allow-list.
	if (userAgent.trim() === '') return answer(403, IP_RESTRICTED);
	if (!context.options.keys.includes(apiKey)) return answer(401, UNAUTHORIZED);
	if (context.options.ipRestrictedKeys.includes(apiKey)) return answer(403, IP_RESTRICTED);

	const fault = context.faults.take(apiKey);
	if (fault) log.fault = fault.kind;
	if (fault && (await answerWithFault(fault, request, response, answer))) return;
	if (!context.limiter.allow(apiKey)) return answer(429, TOO_MANY);

	let body: Record<string, unknown>;
	try {
		body = JSON.parse(raw.toString('utf8'));
	} catch (error) {
		return answer(400, decodeErrorBody((error as Error).message));
	}
	const problems = [
		...validateSendRequest(body),
		...rejectedRecipientProblems(body, context.options.rejectedRecipients),
	];
	if (problems.length) return answer(400, validationErrorBody(problems));

	const keys = context.accept(endpoint, apiKey, body, log);
	if (fault?.kind === 'accept-then-reset') {
		log.statusCode = -1;
		return request.socket.destroy();
	}
	answer(200, { keys });
}

/** Applies a scripted fault; returns true when the fault answered the request itself. */
async function answerWithFault(
	fault: FaultSpec,
	request: http.IncomingMessage,
	response: http.ServerResponse,
	answer: Answer,
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
