/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
import http from 'http';
import type { AddressInfo, Socket } from 'net';

import type { SandboxControl } from './adminApi';
import { handleAdmin } from './adminApi';
import type { InsiderApiContext } from './apiRoutes';
import { routeInsiderApi } from './apiRoutes';
import type { ContactTarget } from './contact';
import { Contact } from './contact';
import { Deliverer } from './delivery';
import { FaultBook } from './faults';
import { HttpProblem, mask, sendJson } from './httpIo';
import type { StoredMedia } from './media/store';
import { MediaStore } from './media/store';
import type { ConfigChanges, ResolvedOptions, SandboxOptions } from './options';
import { resolveOptions } from './options';
import { acceptMessages } from './outbox';
import { servePreview } from './preview';
import { SlidingWindowLimiter } from './rateLimiter';
import { activeTyping } from './receipts';
import type {
	RecordedDownload,
	RecordedInbound,
	RecordedMessage,
	RecordedReceipt,
	RecordedRequest,
} from './records';
import type { TapTarget } from './taps';

export type {
	RecordedDownload,
	RecordedInbound,
	RecordedMessage,
	RecordedReceipt,
	RecordedReply,
	RecordedRequest,
} from './records';
export type { TapTarget } from './taps';
export { SAMPLE_PHOTO_ID, SAMPLE_VOICE_NOTE_ID } from './media/store';

/**
 * A local emulator of Insider's WhatsApp Conversational API: send, read-receipt and media
 * endpoints with Insider's auth, validation, rate limit and errors; status callbacks and
 * conversational-webhook events with Insider's retry schedule; a contact who taps, writes and
 * sends media; scriptable faults; an admin API under /sandbox/ and a phone preview at /.
 */
export class InsiderSandbox implements SandboxControl {
	readonly options: ResolvedOptions;

	readonly messages: RecordedMessage[] = [];

	readonly requests: RecordedRequest[] = [];

	readonly inbound: RecordedInbound[] = [];

	readonly receipts: RecordedReceipt[] = [];

	readonly downloads: RecordedDownload[] = [];

	readonly faults = new FaultBook();

	private readonly media = new MediaStore();

	private readonly limiter: SlidingWindowLimiter;

	private readonly deliverer: Deliverer;

	private readonly contact: Contact;

	private readonly api: InsiderApiContext;

	private readonly server: http.Server;

	private readonly sockets = new Set<Socket>();

	constructor(options: SandboxOptions = {}) {
		this.options = resolveOptions(options);
		this.limiter = new SlidingWindowLimiter(this.options.rateLimitPerSecond);
		this.deliverer = new Deliverer(
			this.options.timeScale,
			this.options.callbacksInFlight || Infinity,
		);
		const outbox = { options: this.options, messages: this.messages, deliverer: this.deliverer };
		this.contact = new Contact({ ...outbox, inbound: this.inbound, media: this.media });
		this.api = {
			options: this.options,
			faults: this.faults,
			limiter: this.limiter,
			requests: this.requests,
			media: this.media,
			downloads: this.downloads,
			inbound: this.inbound,
			receipts: this.receipts,
			knowsMedia: (id) => this.media.has(id),
			downloadUrl: (stored) => this.downloadUrl(stored),
			accept: (...args) => acceptMessages(outbox, ...args),
		};
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
		return `http://${this.options.host}:${this.port}`;
	}

	private get port(): number {
		const address = this.server.address() as AddressInfo | null;
		if (!address) throw new Error('the sandbox is not listening');
		return address.port;
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

	configure(changes: ConfigChanges) {
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
		const { statusEvents, failingRecipients, businessNumber, phoneNumberId, webhook } =
			this.options;
		const { contactNumber, mediaHost, requireKnownMediaIds, typingIndicatorMs } = this.options;
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
			phoneNumberId,
			contactNumber,
			mediaHost: mediaHost ?? host,
			requireKnownMediaIds,
			typingIndicatorMs,
			webhook: webhook
				? { url: webhook.url, token: webhook.token ? mask(webhook.token) : undefined }
				: null,
		};
	}

	/** Forgets everything recorded and every upload; the sample media and the settings stay. */
	reset(): void {
		for (const list of [this.messages, this.requests, this.inbound, this.receipts, this.downloads])
			list.length = 0;
		this.media.clearUploads();
		this.deliverer.clear();
		this.faults.clear();
		this.limiter.reset();
	}

	typing() {
		return activeTyping(this.receipts, this.messages, this.options.typingIndicatorMs);
	}

	mediaList() {
		return this.media.list();
	}

	mediaFile(id: string) {
		return this.media.get(id);
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
		return await this.contact.tap(key, target);
	}

	/** The user writes back; with a key, the text answers that message. */
	async sendReply(text: string, target: ContactTarget): Promise<boolean> {
		return await this.contact.write(text, target);
	}

	/** The contact sends the sample photo (media id SAMPLE_PHOTO_ID). */
	async sendPhoto(target: ContactTarget = {}, caption?: string): Promise<boolean> {
		return await this.contact.sendPhoto(target, caption);
	}

	/** The contact sends the sample voice note (media id SAMPLE_VOICE_NOTE_ID). */
	async sendVoiceNote(target: ContactTarget = {}): Promise<boolean> {
		return await this.contact.sendVoiceNote(target);
	}

	/** The contact sends any Meta inbound message object (`{type, <type>: {…}}`). */
	async sendInbound(message: unknown, target: ContactTarget = {}): Promise<boolean> {
		return await this.contact.send(message, target);
	}

	/** Where a stored file downloads from: the media host, this server's port. */
	private downloadUrl(stored: StoredMedia): string {
		const host = this.options.mediaHost ?? this.options.host;
		const query = new URLSearchParams({ mid: stored.id, hash: stored.hash });
		return `http://${host}:${this.port}/whatsapp_business/attachments/?${query}`;
	}

	private async handle(request: http.IncomingMessage, response: http.ServerResponse) {
		const url = new URL(request.url ?? '/', 'http://sandbox');
		if (await routeInsiderApi(this.api, url, request, response)) return;
		if (url.pathname.startsWith('/sandbox/'))
			return await handleAdmin(this, url, request, response);
		if (request.method === 'GET' && servePreview(url.pathname, response)) return;
		sendJson(response, 404, { message: 'not found' });
	}
}

export async function startSandbox(options: SandboxOptions = {}): Promise<InsiderSandbox> {
	return await new InsiderSandbox(options).start();
}
