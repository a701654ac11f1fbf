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
}

export type ResolvedOptions = Required<Omit<SandboxOptions, 'webhook'>> & {
	webhook?: WebhookConfig;
};

export const DEFAULT_SANDBOX_KEY = 'INS.sandbox-key';

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
	};
}
