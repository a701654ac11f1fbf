import { createHash, timingSafeEqual } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import { field } from '../shared/jsonValues';

export type TriggerAuthentication = 'none' | 'bearerToken' | 'urlToken';

/** A shorter token can be guessed; the trigger then accepts nothing (fail closed). */
export const MIN_TOKEN_LENGTH = 16;

/** Constant-time comparison that also hides the expected token's length. */
export function tokensMatch(presented: string, expected: string): boolean {
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return expected !== '' && timingSafeEqual(digest(presented), digest(expected));
}

/** The token a request presents for the chosen mode, or '' when it presents none. */
export function presentedToken(
	mode: TriggerAuthentication,
	headers: Record<string, string | string[] | undefined>,
	query: unknown,
): string {
	if (mode === 'bearerToken') {
		const header = headers.authorization;
		const value = Array.isArray(header) ? header[0] : header;
		const match = /^Bearer\s+(.+)$/i.exec(value ?? '');
		return match ? match[1].trim() : '';
	}
	if (mode === 'urlToken') {
		const token = field(query, 'token');
		return typeof token === 'string' ? token : '';
	}
	return '';
}

export interface Refusal {
	statusCode: number;
	message: string;
}

/** Why the request may not start the workflow, or undefined when it may. */
export async function checkAuthentication(
	context: IWebhookFunctions,
	mode: TriggerAuthentication,
): Promise<Refusal | undefined> {
	if (mode === 'none') return undefined;
	const credentials = await context.getCredentials<{ token?: unknown }>(
		'insiderWhatsAppWebhookApi',
	);
	const expected = typeof credentials.token === 'string' ? credentials.token : '';
	if (expected.length < MIN_TOKEN_LENGTH) {
		const message = `The trigger's token is shorter than ${MIN_TOKEN_LENGTH} characters, so it accepts no request: set a longer token in its Insider WhatsApp Webhook API credential`;
		context.logger.error(`Insider WhatsApp Trigger: ${message}`);
		return { statusCode: 500, message };
	}
	const request = context.getRequestObject();
	const presented = presentedToken(mode, request.headers, request.query);
	return tokensMatch(presented, expected)
		? undefined
		: { statusCode: 401, message: 'unauthorized' };
}
