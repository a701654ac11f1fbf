/** Kept in step with package.json by a unit test; the node cannot read package.json at run time. */
export const PACKAGE_VERSION = '0.2.0';

/** Insider's firewall blocks empty or generic User-Agents with a 403, so always name ourselves. */
export const USER_AGENT = `n8n-nodes-insider-whatsapp/${PACKAGE_VERSION}`;

/** Where Insider's API lives unless the credential points at a proxy or the sandbox. */
export const INSIDER_DEFAULT_BASE_URL = 'https://whatsapp.useinsider.com';

/** Insider documents the same envelope for both endpoints. */
export const SEND_PATHS = {
	conversational: '/v1/conversational/send',
	transactional: '/v1/send',
} as const;

export const SENDING_DEFAULTS = {
	batchSize: 50,
	requestsPerSecond: 10,
	maxRetries: 5,
} as const;

/** How long one request may take before its outcome is treated as unknown. */
export const REQUEST_TIMEOUT_MS = 60_000;
