/**
 * What the user reads when a request other than a send fails: mark as read, media upload, media
 * information, download. None of them sends anything a contact sees, so each is tried again when
 * its outcome is unsure; what is left are refusals and answers the node cannot read.
 */
import type { InsiderFailure } from './insiderErrors';
import { asJson, insiderErrorCode, insiderMessage, networkProblem } from './insiderErrors';
import { redactUrl } from '../helpers/redactUrl';

/** What one kind of request is for, in the words its errors use. */
export interface ApiPurpose {
	/** Completes "Insider could not …", e.g. "mark the message as read". */
	action: string;
	/** What to check when Insider refuses the request (a 4xx other than 401, 403 and 429). */
	check: string;
	/** Insider's own codes for this endpoint (its v2 error table: 2017 upload, 2018, 2019). */
	codes?: Record<number, string>;
}

const NOTHING_CONTACT_SEES = 'Nothing a contact sees was sent.';

function knownCode(purpose: ApiPurpose, code: number | undefined): string {
	if (code === undefined || !purpose.codes) return '';
	return Object.prototype.hasOwnProperty.call(purpose.codes, code)
		? `: ${purpose.codes[code]}`
		: '';
}

/** Insider refused the request: a 3xx or 4xx other than 401, 403 and 429. */
export function refused(purpose: ApiPurpose, statusCode: number, body: unknown): InsiderFailure {
	const code = insiderErrorCode(body);
	const detail = insiderMessage(body);
	return {
		message: `Insider refused to ${purpose.action} (${statusCode}${code !== undefined ? `, code ${code}` : ''}${knownCode(purpose, code)})`,
		description: `${purpose.check}${detail ? ` Insider said: ${detail}` : ''}`,
		httpCode: String(statusCode),
		body: asJson(body),
	};
}

/** 5xx answers, tried again up to Max Retries. */
export function serverTrouble(
	purpose: ApiPurpose,
	statusCode: number,
	body: unknown,
	retries: number,
): InsiderFailure {
	return {
		message: `Insider could not ${purpose.action}: it answered ${statusCode}, still after ${retries} retries`,
		description: `A problem on Insider's side. Run the workflow again later. ${NOTHING_CONTACT_SEES}`,
		httpCode: String(statusCode),
		body: asJson(body),
	};
}

/** Connection failures, tried again up to Max Retries. */
export function connectionTrouble(
	purpose: ApiPurpose,
	code: string,
	url: string,
	retries: number,
): InsiderFailure {
	let host = url;
	try {
		host = new URL(url).host;
	} catch {
		// Shown as given (redacted below).
	}
	return {
		message: `Could not reach ${redactUrl(host)} to ${purpose.action} (${networkProblem(code)}), still after ${retries} retries`,
		description: `System error ${code}. Check the Base URL in the "Insider WhatsApp API" credential and the n8n server's network access. ${NOTHING_CONTACT_SEES}`,
	};
}

/** A success answer without what the node needs from it (Insider does not publish its shape). */
export function unreadableAnswer(purpose: ApiPurpose, missing: string, body: unknown) {
	return {
		message: `Insider's answer to the request to ${purpose.action} has no ${missing}`,
		description:
			"Insider does not publish this answer's shape and the node expects Meta's (README, \"Media\"). Insider's answer is in the details: please report it to the package's maintainers.",
		body: asJson(body),
	};
}
