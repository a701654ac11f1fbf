/**
 * The contact's side of the chat: taps, written replies, photos, voice notes and any other Meta
 * inbound message, each recorded (so a read receipt can name it) and then posted to the
 * conversational webhook the way Insider forwards it, first attempt answered, retries after.
 */
import type { Deliverer } from './delivery';
import type { Inbound } from './events';
import { inboundEntry, inboundEnvelope, newWaMessageId } from './events';
import { HttpProblem } from './httpIo';
import type { MediaStore } from './media/store';
import { SAMPLE_PHOTO_ID, SAMPLE_VOICE_NOTE_ID } from './media/store';
import type { ResolvedOptions } from './options';
import type { RecordedInbound, RecordedMessage, RecordedReply } from './records';
import { isObject } from './rules/checker';
import type { TapTarget } from './taps';
import { resolveTap } from './taps';

type Json = Record<string, unknown>;

export interface ContactContext {
	options: ResolvedOptions;
	messages: RecordedMessage[];
	inbound: RecordedInbound[];
	media: MediaStore;
	deliverer: Deliverer;
}

/** What an admin call names: the contact's number, or the message being answered. */
export interface ContactTarget {
	phoneNumber?: string;
	/** The key of a recorded business message this one answers (its context). */
	key?: string;
}

/** Fields the sandbox sets itself on an inbound message, whatever a test passes. */
const SANDBOX_FIELDS = new Set(['from', 'id', 'timestamp', 'context']);
const E164 = /^\+[1-9]\d{7,14}$/;

export class Contact {
	constructor(private readonly sandbox: ContactContext) {}

	/** The contact taps something in a recorded message. */
	async tap(key: string, target: TapTarget): Promise<boolean> {
		const message = this.findMessage(key);
		const { reply, inbound } = resolveTap(message, target);
		return await this.post(inbound, { key }, reply);
	}

	/** The contact writes; with a key, the text answers that message. */
	async write(text: string, target: ContactTarget): Promise<boolean> {
		return await this.post({ type: 'text', text: { body: text } }, target, { text });
	}

	/** The contact sends the sandbox's sample photo, with an optional caption. */
	async sendPhoto(target: ContactTarget, caption?: string): Promise<boolean> {
		const image: Json = { id: SAMPLE_PHOTO_ID };
		if (caption) image.caption = caption;
		return await this.send({ type: 'image', image }, target);
	}

	/** The contact records the sandbox's sample voice note. */
	async sendVoiceNote(target: ContactTarget): Promise<boolean> {
		return await this.send(
			{ type: 'audio', audio: { id: SAMPLE_VOICE_NOTE_ID, voice: true } },
			target,
		);
	}

	/**
	 * Any Meta inbound message object (`{type, <type>: {…}}`): document, sticker, location,
	 * contacts, reaction, or a type the trigger does not know. A media object naming a stored
	 * id gets that file's `mime_type` and `sha256` unless it has its own.
	 */
	async send(message: unknown, target: ContactTarget): Promise<boolean> {
		if (!isObject(message) || typeof message.type !== 'string' || message.type === '')
			throw new HttpProblem(400, 'message must be a Meta message object with a type');
		const fields: Json = {};
		for (const [name, value] of Object.entries(message))
			if (!SANDBOX_FIELDS.has(name)) fields[name] = value;
		const media = fields[message.type];
		const stored =
			isObject(media) && typeof media.id === 'string'
				? this.sandbox.media.get(media.id)
				: undefined;
		if (isObject(media) && stored)
			fields[message.type] = { mime_type: stored.mimeType, sha256: stored.sha256, ...media };
		return await this.post(fields, target);
	}

	private findMessage(key: string): RecordedMessage {
		const message = this.sandbox.messages.find((m) => m.key === key);
		if (!message) throw new HttpProblem(404, `no recorded message with key "${key}"`);
		return message;
	}

	/** Records the inbound message first, so a receipt may name it while the webhook still runs. */
	private async post(
		fields: Json,
		target: ContactTarget,
		reply?: Omit<RecordedReply, 'at'>,
	): Promise<boolean> {
		const { options } = this.sandbox;
		const answered = target.key ? this.findMessage(target.key) : undefined;
		const phoneNumber = answered?.phoneNumber ?? target.phoneNumber ?? options.contactNumber;
		if (!E164.test(phoneNumber))
			throw new HttpProblem(
				400,
				`phoneNumber must be E.164 (+ and 8 to 15 digits): ${phoneNumber}`,
			);
		const webhook = options.webhook;
		if (!webhook?.url)
			throw new HttpProblem(
				409,
				'no conversational webhook is configured (PUT /sandbox/config {"webhook":{"url":…,"token":…}})',
			);
		const inbound: Inbound = {
			businessNumber: options.businessNumber,
			phoneNumberId: options.phoneNumberId,
			phoneNumber,
			waMessageId: newWaMessageId(),
			context: answered ? { waMessageId: answered.waMessageId, key: answered.key } : undefined,
		};
		const entry = inboundEntry(inbound, fields);
		const payload = inboundEnvelope(inbound, entry);
		const at = new Date().toISOString();
		this.sandbox.inbound.push({
			waMessageId: inbound.waMessageId as string,
			phoneNumber,
			at,
			message: entry,
			answersKey: answered?.key,
			status: 'delivered',
		});
		if (answered && reply)
			answered.replies.push({ at, ...reply, waMessageId: inbound.waMessageId });
		const event = reply && !reply.text ? 'reply' : 'message';
		const headers = webhook.token ? { Authorization: `Bearer ${webhook.token}` } : undefined;
		// Answer the admin call after the first attempt; Insider's retries go on in the background.
		return await new Promise<boolean>((resolve) => {
			void this.sandbox.deliverer.deliver(
				{ target: 'webhook', url: webhook.url, event, key: answered?.key, payload, headers },
				resolve,
			);
		});
	}
}
