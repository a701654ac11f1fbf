import type { JsonObject } from 'n8n-workflow';

import { field } from '../../shared/jsonValues';
import { redactUrl } from '../helpers/redactUrl';
import { RATE_LIMIT_BUDGET_MS } from './rateLimiter';

/** What went wrong with one request, phrased for the person who has to fix it. */
export interface InsiderFailure {
	message: string;
	description: string;
	httpCode?: string;
	body?: JsonObject;
}

const NOTHING_SENT = 'Nothing from this request was sent.';

/** Insider puts its own code in `error.code`, `errorCode` or `code`, as number or string. */
export function insiderErrorCode(body: unknown): number | undefined {
	const candidates = [
		field(field(body, 'error'), 'code'),
		field(body, 'errorCode'),
		field(body, 'code'),
	];
	for (const candidate of candidates) {
		// Only numbers and short digit strings: converting anything else could cost unbounded work.
		const code =
			typeof candidate === 'number'
				? candidate
				: typeof candidate === 'string' && /^\s*\d{1,9}\s*$/.test(candidate)
					? Number(candidate)
					: Number.NaN;
		if (Number.isFinite(code)) return code;
	}
	return undefined;
}

/** Insider's own words about a refusal, cut to a readable length. */
export function insiderMessage(body: unknown): string {
	if (typeof body === 'string') return body.slice(0, 500);
	const detail = field(body, 'errors');
	const message = field(body, 'message');
	const text = typeof detail === 'string' ? detail : typeof message === 'string' ? message : '';
	return text.slice(0, 1000);
}

export function asJson(body: unknown): JsonObject | undefined {
	return typeof body === 'object' && body !== null && !Array.isArray(body)
		? (body as JsonObject)
		: undefined;
}

export function unauthorized(statusCode: number, body: unknown): InsiderFailure {
	return {
		message: `Insider rejected the API key (${statusCode} unauthorized)`,
		description: `Check the API key in the "Insider WhatsApp API" credential: copy the WhatsApp API key from InOne again and make sure it has not been revoked. ${NOTHING_SENT}`,
		httpCode: String(statusCode),
		body: asJson(body),
	};
}

export function forbidden(statusCode: number, body: unknown, userAgent: string): InsiderFailure {
	if (insiderErrorCode(body) === 1088) {
		return {
			message: `Insider blocked this server's IP address (${statusCode}, code 1088 ip-restricted)`,
			description: `Add the public IP address of the n8n server (in queue mode, of every worker) to the API key's IP allow-list in InOne. If the address is already allowed, Insider's firewall may have blocked the User-Agent "${userAgent}": ask Insider support to check its security events. ${NOTHING_SENT}`,
			httpCode: String(statusCode),
			body: asJson(body),
		};
	}
	return {
		message: `Insider refused the request (${statusCode} forbidden)`,
		description: `${insiderMessage(body) || 'No reason given.'} Check the API key's permissions and IP allow-list in InOne. ${NOTHING_SENT}`,
		httpCode: String(statusCode),
		body: asJson(body),
	};
}

export function badRequest(statusCode: number, body: unknown): InsiderFailure {
	const code = insiderErrorCode(body);
	const detail = insiderMessage(body);
	const known: Record<number, [string, string]> = {
		2001: [
			'Insider could not decode the request (code 2001)',
			'The request body was not valid JSON for Insider. Please report this as a bug of the node.',
		],
		2002: [
			'Insider rejected the message (code 2002, failed to validate request)',
			'Check the fields Insider names below against the limits in the node README.',
		],
		20030: [
			'Insider drops messages to this country code (code 20030, Country Code Drops)',
			"Your Insider account does not send to this recipient's country. Ask your Insider account manager to enable it, or remove these recipients.",
		],
		20031: [
			'Insider refused the message: proof-of-concept message limit (code 20031, POC Message Limitation)',
			'Your account is a proof-of-concept account with a message limit or a list of allowed test numbers. Send only to the allowed numbers, or ask your Insider account manager to lift the limit.',
		],
	};
	const [message, advice] = (code !== undefined && known[code]) || [
		`Insider rejected the request (${statusCode}${code !== undefined ? `, code ${code}` : ''})`,
		'Check the message fields against the limits in the node README.',
	];
	return {
		message,
		description: `${advice}${detail ? ` Insider said: ${detail}` : ''} ${NOTHING_SENT}`,
		httpCode: String(statusCode),
		body: asJson(body),
	};
}

export function rateLimited(statusCode: number, body: unknown, retries: number): InsiderFailure {
	const minutes = RATE_LIMIT_BUDGET_MS / 60_000;
	return {
		message: `Insider's rate limit was still exceeded after ${minutes} minutes without an accepted request on this API key (${statusCode}, ${retries} retries)`,
		description: `Something else keeps this API key at Insider's limit: other n8n instances or workflows share it with this node, but another system may be using all of it. Find what else sends with this key, or ask Insider to raise the key's limit. ${NOTHING_SENT}`,
		httpCode: String(statusCode),
		body: asJson(body),
	};
}

export function maintenance(statusCode: number, body: unknown, retries: number): InsiderFailure {
	return {
		message: `Insider is in maintenance mode (${statusCode}${insiderErrorCode(body) === 2020 ? ', code 2020' : ''}), still after ${retries} retries`,
		description: `Insider's API is temporarily unavailable. Run the workflow again later. ${NOTHING_SENT}`,
		httpCode: String(statusCode),
		body: asJson(body),
	};
}

const CHECK_BEFORE_RESENDING =
	'Before sending to these numbers again, check whether they received the message: look at the status callbacks (Insider WhatsApp Trigger) or the message reports in InOne.';

export function serverError(statusCode: number, body: unknown): InsiderFailure {
	return {
		message: `Delivery unknown: Insider answered ${statusCode} after receiving the request`,
		description: `Insider may or may not have accepted these messages, so the node does not retry them. ${CHECK_BEFORE_RESENDING}`,
		httpCode: String(statusCode),
		body: asJson(body),
	};
}

export function keyCountMismatch(keys: number, messages: number): InsiderFailure {
	return {
		message: `Delivery unknown: Insider returned ${keys} keys for ${messages} messages`,
		description: `Which message got which key cannot be told, so none of the keys is reported. ${CHECK_BEFORE_RESENDING}`,
		httpCode: '200',
	};
}

// Plain words for system error codes. The codes themselves stay out of messages: n8n replaces
// any error message that contains one with a generic text, which would hide our guidance.
const NETWORK_PROBLEMS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name lookup failed',
	ENETUNREACH: 'network unreachable',
	EHOSTUNREACH: 'host unreachable',
	ECONNRESET: 'connection reset',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'connection aborted',
	EPIPE: 'connection closed',
};

export const networkProblem = (code: string) => NETWORK_PROBLEMS[code] ?? 'connection failed';

export function noAnswer(code: string): InsiderFailure {
	return {
		message: `Delivery unknown: the connection to Insider failed before its answer arrived (${networkProblem(code)})`,
		description: `The request reached Insider but no complete answer came back (system error ${code}), so the node does not retry it. ${CHECK_BEFORE_RESENDING}`,
	};
}

export function unreachable(code: string, baseUrl: string, retries: number): InsiderFailure {
	return {
		message: `Could not reach Insider at ${redactUrl(baseUrl)} (${networkProblem(code)}), still after ${retries} retries`,
		description: `System error ${code}. Check the Base URL in the "Insider WhatsApp API" credential and the n8n server's network access. ${NOTHING_SENT}`,
	};
}

export function notSentAfterStop(reason: string): InsiderFailure {
	return {
		message: `Not sent: sending stopped earlier in this execution (${reason})`,
		description:
			'Fix the cause of the earlier error, then send these items again: none of them was sent.',
	};
}
