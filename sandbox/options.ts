export type StatusEvent = 'sent' | 'delivered' | 'read';

export interface WebhookConfig {
	/** The account's conversational webhook (InOne panel), where taps and replies go. */
	url: string;
	/** Bearer token Insider presents on that webhook. */
	token?: string;
}

export interface SandboxOptions {
	host?: string;
	/** 0 picks a free port. */
	port?: number;
	/** API keys that authenticate. */
	keys?: string[];
	/** Keys that authenticate but whose caller IP is "not on the allow-list" (403, code 1088). */
	ipRestrictedKeys?: string[];
	/** Requests per second per key before 429; 0 turns the limit off. */
	rateLimitPerSecond?: number;
	/** Multiplies Insider's callback retry schedule (minutes) so tests run in milliseconds. */
	timeScale?: number;
	/** Callback requests out at once, first attempts and retries alike; 0 means no limit. */
	callbacksInFlight?: number;
	/** Pause between one message's status events, in milliseconds. */
	eventIntervalMs?: number;
	/** Status events reported for each accepted message, in this order. */
	statusEvents?: StatusEvent[];
	/** Recipients whose messages fail with Meta error 131047 (outside the 24-hour window). */
	failingRecipients?: string[];
	/**
	 * Recipients Insider's validation refuses (400, code 2002): stands for a rule only Insider
	 * knows, so tests can show what the node does when Insider rejects one message of a batch.
	 */
	rejectedRecipients?: string[];
	webhook?: WebhookConfig;
	/** The business number the sandbox sends from. */
	businessNumber?: string;
	/** Meta's id of that number: in every webhook's metadata and in the read-receipt path. */
	phoneNumberId?: string;
	/** The contact the phone preview writes as. */
	contactNumber?: string;
	/**
	 * Host name in media download URLs; the sandbox's own host when absent. A different name for
	 * the same server (localhost for 127.0.0.1) lets a test see which host a download went to.
	 */
	mediaHost?: string;
	/** Serve media downloads chunked, without a Content-Length, as a streaming CDN may (default off). */
	chunkedDownloads?: boolean;
	/** Refuse sends naming a media id the sandbox never issued, as Meta does (default on; off: any id passes). */
	requireKnownMediaIds?: boolean;
	/** How long a typing indicator shows when no message follows it (Meta: about 25 s). */
	typingIndicatorMs?: number;
}

export type ResolvedOptions = Required<Omit<SandboxOptions, 'webhook' | 'mediaHost'>> & {
	webhook?: WebhookConfig;
	mediaHost?: string;
};

/** What `PUT /sandbox/config` may change while the sandbox runs. */
export type ConfigChanges = Partial<
	Pick<
		ResolvedOptions,
		| 'rateLimitPerSecond'
		| 'timeScale'
		| 'callbacksInFlight'
		| 'eventIntervalMs'
		| 'statusEvents'
		| 'failingRecipients'
		| 'rejectedRecipients'
		| 'phoneNumberId'
		| 'contactNumber'
		| 'mediaHost'
		| 'chunkedDownloads'
		| 'requireKnownMediaIds'
		| 'typingIndicatorMs'
	>
> & { webhook?: WebhookConfig | null };

export const DEFAULT_SANDBOX_KEY = 'INS.sandbox-key';

/** The phone number id of the sandbox's business number (Meta's sample id). */
export const DEFAULT_PHONE_NUMBER_ID = '106540352242922';

/** Insider's documented retry schedule: minutes after the first attempt. */
export const CALLBACK_RETRY_MINUTES = [1, 2, 3, 8, 13, 18, 28, 38, 48, 60];

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
	return {
		host: options.host ?? '127.0.0.1',
		port: options.port ?? 0,
		keys: options.keys ?? [DEFAULT_SANDBOX_KEY],
		ipRestrictedKeys: options.ipRestrictedKeys ?? [],
		rateLimitPerSecond: options.rateLimitPerSecond ?? 10,
		timeScale: options.timeScale ?? 1,
		callbacksInFlight: options.callbacksInFlight ?? 0,
		eventIntervalMs: options.eventIntervalMs ?? 400,
		statusEvents: options.statusEvents ?? ['sent', 'delivered', 'read'],
		failingRecipients: options.failingRecipients ?? [],
		rejectedRecipients: options.rejectedRecipients ?? [],
		webhook: options.webhook,
		businessNumber: options.businessNumber ?? '15550783881',
		phoneNumberId: options.phoneNumberId ?? DEFAULT_PHONE_NUMBER_ID,
		contactNumber: options.contactNumber ?? '+15550001111',
		mediaHost: options.mediaHost,
		chunkedDownloads: options.chunkedDownloads ?? false,
		requireKnownMediaIds: options.requireKnownMediaIds ?? true,
		typingIndicatorMs: options.typingIndicatorMs ?? 25_000,
	};
}
