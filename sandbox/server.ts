/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
import { randomUUID } from 'crypto';
import http from 'http';
import type { AddressInfo, Socket } from 'net';

import { handleAdmin } from './adminApi';
import { Deliverer } from './delivery';
import { inboundMessageEvent, newWaMessageId, textReplyEvent } from './events';
import { FaultBook } from './faults';
import { HttpProblem, mask, sendJson } from './httpIo';
import { handleSend, SEND_ENDPOINTS } from './insiderApi';
import type { ResolvedOptions, SandboxOptions, WebhookConfig } from './options';
import { resolveOptions } from './options';
import { servePreview } from './preview';
import { SlidingWindowLimiter } from './rateLimiter';
import type { RecordedMessage, RecordedRequest } from './records';
import { reportStatuses } from './statusReporter';
import type { TapTarget } from './taps';
import { resolveTap } from './taps';

export type { RecordedMessage, RecordedReply, RecordedRequest } from './records';
export type { TapTarget } from './taps';

/**
 * A local emulator of Insider's WhatsApp Conversational API: send endpoints with Insider's
 * auth, validation, rate limit and errors; status callbacks and conversational-webhook events
 * with Insider's retry schedule; scriptable faults; an admin API under /sandbox/ and a phone
 * preview at /.
 */
export class InsiderSandbox {
	readonly options: ResolvedOptions;

	readonly messages: RecordedMessage[] = [];

	readonly requests: RecordedRequest[] = [];

	readonly faults = new FaultBook();

	private readonly limiter: SlidingWindowLimiter;

	private readonly deliverer: Deliverer;

	private readonly server: http.Server;

	private readonly sockets = new Set<Socket>();

	constructor(options: SandboxOptions = {}) {
		this.options = resolveOptions(options);
		this.limiter = new SlidingWindowLimiter(this.options.rateLimitPerSecond);
		this.deliverer = new Deliverer(
			this.options.timeScale,
			this.options.callbacksInFlight || Infinity,
		);
		this.server = http.createServer((request, response) => {
			this.handle(request, response).catch((error: Error) => {
				const statusCode = error instanceof HttpProblem ? error.statusCode : 500;
				if (!response.headersSent) sendJson(response, statusCode, { message: error.message });
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	get callbackAttempts() {
		return this.deliverer.attempts;
	}

	get url(): string {
		const address = this.server.address() as AddressInfo | null;
		if (!address) throw new Error('the sandbox is not listening');
		return `http://${this.options.host}:${address.port}`;
	}

	async start(): Promise<this> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port, this.options.host, () => resolve());
		});
		return this;
	}

	async stop(): Promise<void> {
		this.deliverer.stop();
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	configure(
		changes: Partial<
			Pick<
				ResolvedOptions,
				| 'rateLimitPerSecond'
				| 'timeScale'
				| 'callbacksInFlight'
				| 'eventIntervalMs'
				| 'statusEvents'
				| 'failingRecipients'
				| 'rejectedRecipients'
			>
		> & { webhook?: WebhookConfig | null },
	) {
		const { webhook, ...rest } = changes;
		Object.assign(this.options, rest);
		if (webhook !== undefined) this.options.webhook = webhook ?? undefined;
		this.limiter.perSecond = this.options.rateLimitPerSecond;
		this.deliverer.timeScale = this.options.timeScale;
		this.deliverer.maxInFlight = this.options.callbacksInFlight || Infinity;
	}

	/** The settings the admin API shows; API keys and the webhook token are secrets, never echoed. */
	publicConfig() {
		const { host, port, rateLimitPerSecond, timeScale, callbacksInFlight, eventIntervalMs } =
			this.options;
		const { statusEvents, failingRecipients, businessNumber, webhook } = this.options;
		return {
			host,
			port,
			rateLimitPerSecond,
			timeScale,
			callbacksInFlight,
			eventIntervalMs,
			statusEvents,
			failingRecipients,
			businessNumber,
			webhook: webhook
				? { url: webhook.url, token: webhook.token ? mask(webhook.token) : undefined }
				: null,
		};
	}

	reset(): void {
		this.messages.length = 0;
		this.requests.length = 0;
		this.deliverer.clear();
		this.faults.clear();
		this.limiter.reset();
	}

	/** The user taps a quick-reply button of a recorded message. */
	async tapButton(key: string, buttonId: string): Promise<boolean> {
		return await this.tap(key, { buttonId });
	}

	/** The user picks a row of a recorded list message. */
	async tapListRow(key: string, rowId: string): Promise<boolean> {
		return await this.tap(key, { rowId });
	}

	/**
	 * The user taps a quick-reply button of a recorded template message, named by its component
	 * index or its payload; `text` is the button's label as the template shows it.
	 */
	async tapTemplateButton(
		key: string,
		button: { buttonIndex?: number; payload?: string; text?: string },
	): Promise<boolean> {
		return await this.tap(key, button);
	}

	/** The user taps something in a recorded message; Meta's inbound message goes to the webhook. */
	async tap(key: string, target: TapTarget): Promise<boolean> {
		const message = this.findMessage(key);
		const { reply, inbound } = resolveTap(message, target);
		message.replies.push({ at: new Date().toISOString(), ...reply });
		const payload = inboundMessageEvent(
			{
				businessNumber: this.options.businessNumber,
				phoneNumber: message.phoneNumber,
				context: { waMessageId: message.waMessageId, key },
			},
			inbound,
		);
		return await this.toWebhook('reply', key, payload);
	}

	/** The user writes back; with a key, the text answers that message. */
	async sendReply(text: string, target: { key?: string; phoneNumber?: string }): Promise<boolean> {
		const message = target.key ? this.findMessage(target.key) : undefined;
		const phoneNumber = message?.phoneNumber ?? target.phoneNumber;
		if (!phoneNumber) throw new HttpProblem(400, 'a reply needs a key or a phoneNumber');
		message?.replies.push({ at: new Date().toISOString(), text });
		const payload = textReplyEvent(
			{
				businessNumber: this.options.businessNumber,
				phoneNumber,
				context: message ? { waMessageId: message.waMessageId, key: message.key } : undefined,
			},
			text,
		);
		return await this.toWebhook('message', message?.key, payload);
	}

	private findMessage(key: string): RecordedMessage {
		const message = this.messages.find((m) => m.key === key);
		if (!message) throw new HttpProblem(404, `no recorded message with key "${key}"`);
		return message;
	}

	private async toWebhook(
		event: string,
		key: string | undefined,
		payload: unknown,
	): Promise<boolean> {
		const webhook = this.options.webhook;
		if (!webhook?.url)
			throw new HttpProblem(
				409,
				'no conversational webhook is configured (PUT /sandbox/config {"webhook":{"url":…,"token":…}})',
			);
		const headers = webhook.token ? { Authorization: `Bearer ${webhook.token}` } : undefined;
		// Answer the admin call after the first attempt; Insider's retries go on in the background.
		return await new Promise<boolean>((resolve) => {
			void this.deliverer.deliver(
				{ target: 'webhook', url: webhook.url, event, key, payload, headers },
				resolve,
			);
		});
	}

	private async handle(request: http.IncomingMessage, response: http.ServerResponse) {
		const url = new URL(request.url ?? '/', 'http://sandbox');
		if (request.method === 'POST' && SEND_ENDPOINTS.has(url.pathname))
			return await handleSend(this.sendContext, url.pathname, request, response);
		if (url.pathname.startsWith('/sandbox/'))
			return await handleAdmin(this, url, request, response);
		if (request.method === 'GET' && servePreview(url.pathname, response)) return;
		sendJson(response, 404, { message: 'not found' });
	}

	private get sendContext() {
		return {
			options: this.options,
			faults: this.faults,
			limiter: this.limiter,
			requests: this.requests,
			accept: this.accept.bind(this),
		};
	}

	/** Records each message of a validated request and starts its status reports. */
	private accept(
		endpoint: string,
		apiKey: string,
		body: Record<string, unknown>,
		log: RecordedRequest,
	): string[] {
		const entries = body.messages as Array<{
			phoneNumber: string;
			message: Record<string, unknown>;
		}>;
		log.messageCount = entries.length;
		return entries.map((entry) => {
			const recorded: RecordedMessage = {
				key: `whatsapp-${randomUUID()}`,
				waMessageId: newWaMessageId(),
				endpoint,
				apiKey: mask(apiKey),
				from: body.from as string | undefined,
				callback: body.callback as string | undefined,
				phoneNumber: entry.phoneNumber,
				message: entry.message,
				receivedAt: new Date().toISOString(),
				requestId: log.id,
				status: 'accepted',
				replies: [],
			};
			this.messages.push(recorded);
			this.deliverer.later(0, () => void reportStatuses(recorded, this.options, this.deliverer));
			return recorded.key;
		});
	}
}

export async function startSandbox(options: SandboxOptions = {}): Promise<InsiderSandbox> {
	return await new InsiderSandbox(options).start();
}
