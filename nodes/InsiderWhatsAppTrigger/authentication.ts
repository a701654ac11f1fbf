import { createHash, timingSafeEqual } from 'crypto';

export type TriggerAuthentication = 'none' | 'bearerToken' | 'urlToken';

/** Constant-time comparison that also hides the expected token's length. */
export function tokensMatch(presented: string, expected: string): boolean {
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return expected !== '' && timingSafeEqual(digest(presented), digest(expected));
}

/** The token a request presents for the chosen mode, or '' when it presents none. */
export function presentedToken(
	mode: TriggerAuthentication,
	headers: Record<string, string | string[] | undefined>,
	query: Record<string, unknown>,
): string {
	if (mode === 'bearerToken') {
		const header = headers.authorization;
		const value = Array.isArray(header) ? header[0] : header;
		const match = /^Bearer\s+(.+)$/i.exec(value ?? '');
		return match ? match[1].trim() : '';
	}
	if (mode === 'urlToken') {
		const token = query.token;
		return typeof token === 'string' ? token : '';
	}
	return '';
}
