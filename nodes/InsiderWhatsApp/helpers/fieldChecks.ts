import { MessageInputError } from './messages/messageInput';
import { codePointLength, containsMarkdown } from './text';

const HTTPS_URL = /^https:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/i;
const HTTP_URL = /^https?:\/\/\S+$/i;

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

/** An https URL; `why` says who fetches or opens it, so the user knows why http is refused. */
export function requireHttpsUrl(field: string, value: string | undefined, why: string): string {
	const url = requireText(field, value).trim();
	if (!HTTPS_URL.test(url))
		throw new MessageInputError(field, `"${url}" is not an https URL; ${why}`);
	return url;
}

/** Status callbacks may go to a plain-http n8n on a private network, so http is allowed. */
export function requireHttpUrl(field: string, value: string): string {
	const url = value.trim();
	if (!HTTP_URL.test(url)) {
		throw new MessageInputError(field, `"${url}" is not an http or https URL`);
	}
	return url;
}
