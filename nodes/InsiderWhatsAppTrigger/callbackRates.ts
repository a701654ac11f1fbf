/**
 * What `npm run bench:burst` measured (BENCHMARKS.md, "Callbacks at campaign scale": 1,000
 * callbacks, 100 in flight, n8n 2.41.1's default expression engine, 2 cores), for the trigger's
 * advice on when to switch to n8n's Webhook node + Read Callback Events. Re-measure and update
 * here when the bench's figures change: the panel quotes this and nothing else.
 */
export const MEASURED_CALLBACK_RATES = {
	cores: 2,
	/** Callbacks per second this trigger accepted. */
	trigger: 15,
	/** Callbacks per second n8n's Webhook node (with Read Callback Events after it) accepted. */
	webhookNode: 36,
	/** Statuses Insider posts per message: accepted, sent, delivered, read. */
	callbacksPerMessage: 4,
	/** Above this many contacts per campaign the Webhook node path is worth it. */
	switchAboveContacts: 1000,
} as const;

const rates = MEASURED_CALLBACK_RATES;

export const SCALE_NOTICE = `For campaigns of thousands of contacts on n8n 2.x, take status callbacks with n8n's own Webhook node followed by the Insider WhatsApp node's <i>Read Callback Events</i>: n8n runs this trigger with an extra expression sandbox per request. Measured on ${rates.cores} cores: this trigger takes about ${rates.trigger} callbacks per second, the Webhook node path ${rates.webhookNode}, and a campaign brings up to ${rates.callbacksPerMessage} per message. Switch above about ${rates.switchAboveContacts.toLocaleString('en-US')} contacts per campaign (README: Callbacks at scale).`;
