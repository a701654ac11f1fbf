/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, never inside n8n, and is not published */
import { randomUUID } from 'crypto';
import fs from 'fs';
import http from 'http';
import type { AddressInfo, Socket } from 'net';
import path from 'path';

import { Deliverer } from './delivery';
import {
	acceptedEvent,
	buttonReplyEvent,
	newWaMessageId,
	statusEvent,
	textReplyEvent,
} from './events';
import type { FaultSpec } from './faults';
import { FaultBook } from './faults';
import type { ResolvedOptions, SandboxOptions, StatusEvent, WebhookConfig } from './options';
import { resolveOptions } from './options';
import { SlidingWindowLimiter } from './rateLimiter';
import {
	decodeErrorBody,
	rejectedRecipientProblems,
	validateSendRequest,
	validationErrorBody,
} from './validation';

export interface RecordedMessage {
	key: string;
	waMessageId: string;
	endpoint: string;
	/** The API key that sent it, masked to its last 4 characters. */
	apiKey: string;
	from?: string;
	callback?: string;
	phoneNumber: string;
	message: Record<string, unknown>;
	receivedAt: string;
	requestId: string;
	status: 'accepted' | StatusEvent | 'failed';
	replies: Array<{ at: string; buttonId?: string; title?: string; text?: string }>;
}

export interface RecordedRequest {
	id: string;
	endpoint: string;
	at: string;
	apiKey: string;
	userAgent: string;
	statusCode: number;
	messageCount: number;
	fault?: string;
}

const IP_RESTRICTED = { message: 'ip-restricted', error: { message: 'ip-restricted', code: 1088 } };
const UNAUTHORIZED = { message: 'unauthorized' };
const MAINTENANCE = {
	message: 'maintenance mode is active',
	error: { code: 2020, message: 'maintenance mode is active' },
};
const SEND_ENDPOINTS = new Set(['/v1/conversational/send', '/v1/send']);
const PREVIEW_PAGE = path.join(__dirname, 'public', 'index.html');
const MAX_BODY_BYTES = 20 * 1024 * 1024;

const mask = (secret: string) => (secret ? `…${secret.slice(-4)}` : '');

class HttpProblem extends Error {
	constructor(
		readonly statusCode: number,
		message: string,
	) {
		super(message);
	}
}

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
		this.deliverer = new Deliverer(this.options.timeScale);
		this.server = http.createServer((request, response) => {
			this.handle(request, response).catch((error: Error) => {
				const statusCode = error instanceof HttpProblem ? error.statusCode : 500;
				if (!response.headersSent) this.json(response, statusCode, { message: error.message });
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
		const message = this.findMessage(key);
		const buttons = (
			(
				message.message.interactive as {
					action?: { buttons?: Array<{ reply: { id: string; title: string } }> };
				}
			)?.action?.buttons ?? []
		).map((b) => b.reply);
		const button = buttons.find((b) => b.id === buttonId);
		if (!button) throw new HttpProblem(404, `message ${key} has no button with id "${buttonId}"`);
		message.replies.push({
			at: new Date().toISOString(),
			buttonId: button.id,
			title: button.title,
		});
		const payload = buttonReplyEvent(
			{
				businessNumber: this.options.businessNumber,
				phoneNumber: message.phoneNumber,
				context: { waMessageId: message.waMessageId, key },
			},
			button,
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
			return await this.handleSend(url.pathname, request, response);
		if (url.pathname.startsWith('/sandbox/')) return await this.handleAdmin(url, request, response);
		if (request.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
			response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
			return response.end(fs.readFileSync(PREVIEW_PAGE));
		}
		this.json(response, 404, { message: 'not found' });
	}

	private async handleSend(
		endpoint: string,
		request: http.IncomingMessage,
		response: http.ServerResponse,
	) {
		const raw = await readBody(request);
		const apiKey = String(request.headers['x-ins-auth-key'] ?? '');
		const userAgent = String(request.headers['user-agent'] ?? '');
		const log: RecordedRequest = {
			id: randomUUID(),
			endpoint,
			at: new Date().toISOString(),
			apiKey: mask(apiKey),
			userAgent,
			statusCode: 0,
			messageCount: 0,
		};
		this.requests.push(log);
		const answer = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => {
			log.statusCode = statusCode;
			this.json(response, statusCode, body, headers);
		};

		// Order of checks: Insider's firewall, then authentication, then the key's IP allow-list.
		if (userAgent.trim() === '') return answer(403, IP_RESTRICTED);
		if (!this.options.keys.includes(apiKey)) return answer(401, UNAUTHORIZED);
		if (this.options.ipRestrictedKeys.includes(apiKey)) return answer(403, IP_RESTRICTED);

		const fault = this.faults.take(apiKey);
		if (fault) log.fault = fault.kind;
		if (fault && (await this.answerWithFault(fault, request, response, answer))) return;
		if (!this.limiter.allow(apiKey)) return answer(429, { message: 'too many requests' });

		let body: Record<string, unknown>;
		try {
			body = JSON.parse(raw.toString('utf8'));
		} catch (error) {
			return answer(400, decodeErrorBody((error as Error).message));
		}
		const problems = [
			...validateSendRequest(body),
			...rejectedRecipientProblems(body, this.options.rejectedRecipients),
		];
		if (problems.length) return answer(400, validationErrorBody(problems));

		const keys = this.accept(endpoint, apiKey, body, log);
		if (fault?.kind === 'accept-then-reset') {
			log.statusCode = -1;
			return request.socket.destroy();
		}
		answer(200, { keys });
	}

	/** Applies a scripted fault; returns true when the fault answered the request itself. */
	private async answerWithFault(
		fault: FaultSpec,
		request: http.IncomingMessage,
		response: http.ServerResponse,
		answer: (statusCode: number, body: unknown, headers?: Record<string, string>) => void,
	): Promise<boolean> {
		const retryAfter: Record<string, string> =
			fault.retryAfterSeconds !== undefined
				? { 'Retry-After': String(fault.retryAfterSeconds) }
				: {};
		switch (fault.kind) {
			case 'rate-limit':
				answer(429, { message: 'too many requests' }, retryAfter);
				return true;
			case 'server-error':
				answer(500, { message: 'internal server error' });
				return true;
			case 'maintenance':
				answer(503, MAINTENANCE, retryAfter);
				return true;
			case 'reset':
				request.socket.destroy();
				return true;
			case 'delay':
				await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
				return response.destroyed;
			default:
				return false;
		}
	}

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
			this.deliverer.later(0, () => void this.reportStatuses(recorded));
			return recorded.key;
		});
	}

	/** Walks one message through accepted, sent, delivered, read (or failed), posting each to its callback. */
	private async reportStatuses(message: RecordedMessage) {
		const { businessNumber, failingRecipients, statusEvents } = this.options;
		const fails = failingRecipients.includes(message.phoneNumber);
		const steps: Array<{ event: string; status?: RecordedMessage['status']; payload: unknown }> = [
			{
				event: 'accepted',
				payload: acceptedEvent(message.key, message.phoneNumber, message.waMessageId),
			},
			...(fails ? (['failed'] as const) : statusEvents).map((status) => ({
				event: status,
				status,
				payload: statusEvent(
					businessNumber,
					message.key,
					message.phoneNumber,
					message.waMessageId,
					status,
				),
			})),
		];
		for (const [index, step] of steps.entries()) {
			if (index > 0)
				await new Promise<void>((resolve) =>
					this.deliverer.later(this.options.eventIntervalMs, resolve),
				);
			if (step.status) message.status = step.status;
			if (message.callback) {
				await this.deliverer.deliver({
					target: 'callback',
					url: message.callback,
					event: step.event,
					key: message.key,
					payload: step.payload,
				});
			}
		}
	}

	private async handleAdmin(
		url: URL,
		request: http.IncomingMessage,
		response: http.ServerResponse,
	) {
		const route = `${request.method} ${url.pathname.replace(/\/+$/, '')}`;
		const input = async () => {
			const raw = (await readBody(request)).toString('utf8');
			try {
				return (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
			} catch {
				throw new HttpProblem(400, 'the body must be JSON');
			}
		};
		switch (route) {
			case 'GET /sandbox/health':
				return this.json(response, 200, { ok: true });
			case 'GET /sandbox/messages':
				return this.json(response, 200, { messages: this.messages });
			case 'DELETE /sandbox/messages':
				this.reset();
				return this.json(response, 200, { cleared: true });
			case 'GET /sandbox/requests':
				return this.json(response, 200, { requests: this.requests });
			case 'GET /sandbox/callbacks':
				return this.json(response, 200, { attempts: this.callbackAttempts });
			case 'GET /sandbox/faults':
				return this.json(response, 200, { faults: this.faults.list() });
			case 'POST /sandbox/faults': {
				const body = await input();
				const specs = (Array.isArray(body.faults) ? body.faults : [body]) as FaultSpec[];
				try {
					specs.forEach((spec) => this.faults.add(spec));
				} catch (error) {
					throw new HttpProblem(400, (error as Error).message);
				}
				return this.json(response, 200, { faults: this.faults.list() });
			}
			case 'DELETE /sandbox/faults':
				this.faults.clear();
				return this.json(response, 200, { faults: [] });
			case 'GET /sandbox/config':
				return this.json(response, 200, this.publicConfig());
			case 'PUT /sandbox/config':
				this.configure((await input()) as Parameters<InsiderSandbox['configure']>[0]);
				return this.json(response, 200, this.publicConfig());
			case 'POST /sandbox/tap': {
				const body = await input();
				const delivered = await this.tapButton(String(body.key ?? ''), String(body.buttonId ?? ''));
				return this.json(response, 200, { delivered });
			}
			case 'POST /sandbox/reply': {
				const body = await input();
				const delivered = await this.sendReply(String(body.text ?? ''), {
					key: body.key as string | undefined,
					phoneNumber: body.phoneNumber as string | undefined,
				});
				return this.json(response, 200, { delivered });
			}
			default:
				throw new HttpProblem(404, `no admin route ${route}`);
		}
	}

	private publicConfig() {
		// API keys and the webhook token are secrets: never echo them.
		const {
			host,
			port,
			rateLimitPerSecond,
			timeScale,
			eventIntervalMs,
			statusEvents,
			failingRecipients,
			businessNumber,
			webhook,
		} = this.options;
		return {
			host,
			port,
			rateLimitPerSecond,
			timeScale,
			eventIntervalMs,
			statusEvents,
			failingRecipients,
			businessNumber,
			webhook: webhook
				? { url: webhook.url, token: webhook.token ? mask(webhook.token) : undefined }
				: null,
		};
	}

	private json(
		response: http.ServerResponse,
		statusCode: number,
		body: unknown,
		headers: Record<string, string> = {},
	) {
		const text = JSON.stringify(body);
		response.writeHead(statusCode, {
			'Content-Type': 'application/json',
			'Content-Length': Buffer.byteLength(text),
			...headers,
		});
		response.end(text);
	}
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new HttpProblem(413, 'request body too large'));
				request.destroy();
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});
}

export async function startSandbox(options: SandboxOptions = {}): Promise<InsiderSandbox> {
	return await new InsiderSandbox(options).start();
}
