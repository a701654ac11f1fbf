import { MessageInputError } from './messages/messageInput';
import { normalizePhoneNumber } from './phoneNumber';
import { redactUrl } from './redactUrl';
import { codePointLength, containsMarkdown } from '../../shared/text';

/** Longer links are refused before they are parsed: no link WhatsApp or Insider takes is near it. */
export const MAX_URL_LENGTH = 4096;

/** The value, unless it is missing or only white space. */
export function requireText(field: string, value: string | undefined): string {
	if (value === undefined || value === null || String(value).trim() === '') {
		throw new MessageInputError(field, 'is required and must not be empty');
	}
	return String(value);
}

/** Lengths count what the user sees: Unicode code points. */
export function checkLength(field: string, value: string, limit: number): void {
	const length = codePointLength(value);
	if (length > limit) {
		throw new MessageInputError(
			field,
			`${length} characters long; the limit is ${limit} characters`,
		);
	}
}

export function checkNoMarkdown(field: string, value: string): void {
	if (containsMarkdown(value)) {
		throw new MessageInputError(field, 'must not contain markdown (*, _, ~ or ```)');
	}
}

/**
 * The URL if it is one a phone or Insider can fetch: http(s), a host name with a dot (or, for
 * http, any host: callbacks may go to an n8n on a private network), no white space. Parsed with
 * URL rather than matched by a pattern, so any value costs linear time. Quoted values have their
 * secrets replaced (redactUrl).
 */
function parseUrl(
	field: string,
	value: string | undefined,
	protocols: string[],
	why: string,
): string {
	const url = requireText(field, value).trim();
	const refuse = () =>
		new MessageInputError(field, `"${redactUrl(url.slice(0, 200))}" is not ${why}`);
	if (url.length > MAX_URL_LENGTH) {
		throw new MessageInputError(
			field,
			`${url.length} characters long; the limit is ${MAX_URL_LENGTH} characters`,
		);
	}
	if (/\s/.test(url)) throw refuse();
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw refuse();
	}
	if (!protocols.includes(parsed.protocol) || parsed.hostname === '') throw refuse();
	if (parsed.protocol === 'https:' && !parsed.hostname.includes('.')) throw refuse();
	return url;
}

/** An https URL; `why` says who fetches or opens it, so the user knows why http is refused. */
export function requireHttpsUrl(field: string, value: string | undefined, why: string): string {
	return parseUrl(field, value, ['https:'], `an https URL; ${why}`);
}

/** Status callbacks may go to a plain-http n8n on a private network, so http is allowed. */
export function requireHttpUrl(field: string, value: string): string {
	return parseUrl(field, value, ['http:', 'https:'], 'an http or https URL');
}

/** A recipient or sender number in E.164, after removing what people type around it. */
export function requirePhoneNumber(field: string, value: string, example: string): string {
	const phoneNumber = normalizePhoneNumber(requireText(field, value));
	if (phoneNumber === undefined) {
		throw new MessageInputError(field, `"${value}" is not ${example}`);
	}
	return phoneNumber;
}
