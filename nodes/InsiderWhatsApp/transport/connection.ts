import type { IExecuteFunctions } from 'n8n-workflow';

import { INSIDER_DEFAULT_BASE_URL } from '../constants';
import { baseUrlOf } from './insiderClient';
import type { RequestRateLimiter } from './rateLimiter';
import { limiterForKey } from './rateLimiter';

/** Where the node's requests go, and the rate limiter of their API key. */
export interface InsiderConnection {
	baseUrl: string;
	limiter: RequestRateLimiter;
	/** The credential's Phone Number ID (optional; Mark as Read's fallback). */
	phoneNumberId: string;
}

export async function insiderConnection(context: IExecuteFunctions): Promise<InsiderConnection> {
	const credentials = await context.getCredentials<{
		baseUrl?: string;
		apiKey?: string;
		phoneNumberId?: string;
	}>('insiderWhatsAppApi');
	const baseUrl = baseUrlOf(credentials, INSIDER_DEFAULT_BASE_URL);
	return {
		baseUrl,
		limiter: limiterForKey(baseUrl, String(credentials.apiKey ?? '')),
		phoneNumberId:
			typeof credentials.phoneNumberId === 'string' ? credentials.phoneNumberId.trim() : '',
	};
}
