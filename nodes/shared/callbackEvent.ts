/**
 * The one event every Insider callback is turned into, the list of its names, and the single
 * factory that makes it: extractors only say which fields they found, this file decides how
 * each field is written (E.164 phone numbers, ISO timestamps, null for anything missing).
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { boundedDepth } from './boundedDepth';
import { str } from './jsonValues';

/** Every event name with the help text the events filter shows; the order is the default order. */
export const CALLBACK_EVENTS = [
	{
		value: 'accepted',
		name: 'Accepted',
		description: 'WhatsApp accepted the message for delivery',
	},
	{ value: 'sent', name: 'Sent', description: 'WhatsApp sent the message' },
	{ value: 'delivered', name: 'Delivered', description: "The message reached the contact's phone" },
	{ value: 'read', name: 'Read', description: 'The contact opened the message' },
	{
		value: 'failed',
		name: 'Failed',
		description:
			'The message could not be delivered (for example error 131047: outside the 24-hour window)',
	},
	{
		value: 'reply',
		name: 'Reply',
		description: 'The contact tapped a quick-reply, list or template button',
	},
	{
		value: 'message',
		name: 'Message',
		description:
			'The contact sent text, media (image, audio, video, document, sticker), a location, contacts or a reaction',
	},
	{
		value: 'unknown',
		name: 'Unknown',
		description:
			'A payload or inbound message type the node does not recognise, passed on as it came',
	},
] as const;

export type CallbackEventName = (typeof CALLBACK_EVENTS)[number]['value'];

export const CALLBACK_EVENT_NAMES: CallbackEventName[] = CALLBACK_EVENTS.map(
	(event) => event.value,
);

/** The events filter's options, sorted by label as n8n's editor lists them. */
export const CALLBACK_EVENT_OPTIONS: INodePropertyOptions[] = [...CALLBACK_EVENTS]
	.sort((a, b) => a.name.localeCompare(b.name))
	.map(({ name, value, description }) => ({ name, value, description }));

export interface CallbackEventError {
	code: number | string | null;
	title: string | null;
	message: string | null;
	details: string | null;
}

export interface CallbackEventReply {
	type: 'button' | 'list' | 'templateButton';
	id: string | null;
	title: string | null;
	contextMessageId: string | null;
}

/** A photo, voice note, video, document or sticker the contact sent; `id` is Meta's media id. */
export interface CallbackEventMedia {
	id: string | null;
	mimeType: string | null;
	sha256: string | null;
	caption: string | null;
	filename: string | null;
	/** True for a voice note recorded in WhatsApp, false for any other media. */
	voice: boolean;
}

export interface CallbackEventLocation {
	latitude: number | null;
	longitude: number | null;
	name: string | null;
	address: string | null;
	url: string | null;
}

export interface CallbackEventContact {
	name: string | null;
	phones: Array<{ phone: string | null; waId: string | null; type: string | null }>;
	emails: Array<{ email: string | null; type: string | null }>;
}

export interface CallbackEventReaction {
	/** The message reacted to. */
	messageId: string | null;
	/** Null when the contact removed their reaction. */
	emoji: string | null;
}

export interface CallbackEvent {
	event: CallbackEventName;
	key: string | null;
	messageId: string | null;
	phoneNumber: string | null;
	timestamp: string;
	error: CallbackEventError | null;
	reply: CallbackEventReply | null;
	text: string | null;
	/** The business number's id in Meta's envelope (`metadata.phone_number_id`). */
	phoneNumberId: string | null;
	/** Meta's `type` of an inbound message; null for anything else. */
	messageType: string | null;
	media: CallbackEventMedia | null;
	location: CallbackEventLocation | null;
	contacts: CallbackEventContact[] | null;
	reaction: CallbackEventReaction | null;
	raw: unknown;
	/** The timestamp as the payload gave it, for recognising a retried delivery; not emitted. */
	sourceTimestamp: string | null;
}

/** What an extractor found in a payload, as it found it; the factory writes it out. */
export interface EventFields {
	event: CallbackEventName;
	key?: unknown;
	messageId?: unknown;
	phoneNumber?: unknown;
	timestamp?: unknown;
	error?: CallbackEventError | null;
	reply?: CallbackEventReply | null;
	text?: unknown;
	phoneNumberId?: unknown;
	messageType?: string | null;
	media?: CallbackEventMedia | null;
	location?: CallbackEventLocation | null;
	contacts?: CallbackEventContact[] | null;
	reaction?: CallbackEventReaction | null;
}

/** A failure Insider reported without saying why still carries an error object. */
const UNEXPLAINED_FAILURE: CallbackEventError = {
	code: null,
	title: null,
	message: 'failed',
	details: null,
};

/** Meta sends digits without the plus; we emit E.164 like the action node does. */
function e164(value: unknown): string | null {
	const text = str(value);
	if (!text) return null;
	return text.startsWith('+') ? text : `+${text}`;
}

/** Unix seconds or milliseconds, or any date text, as ISO 8601; the receive time otherwise. */
function isoTimestamp(text: string | null, receivedAt: Date): string {
	if (text && /^\d{9,13}$/.test(text)) {
		const number = Number(text);
		return new Date(text.length > 10 ? number : number * 1000).toISOString();
	}
	if (text && !Number.isNaN(Date.parse(text))) return new Date(text).toISOString();
	return receivedAt.toISOString();
}

/** Makes every event, so each field has one way of being written whatever shape it came in. */
export function createEvent(fields: EventFields, raw: unknown, receivedAt: Date): CallbackEvent {
	const sourceTimestamp = str(fields.timestamp);
	return {
		event: fields.event,
		key: str(fields.key),
		messageId: str(fields.messageId),
		phoneNumber: e164(fields.phoneNumber),
		timestamp: isoTimestamp(sourceTimestamp, receivedAt),
		error: fields.error ?? (fields.event === 'failed' ? { ...UNEXPLAINED_FAILURE } : null),
		reply: fields.reply ?? null,
		text: str(fields.text),
		phoneNumberId: str(fields.phoneNumberId),
		messageType: fields.messageType ?? null,
		media: fields.media ?? null,
		location: fields.location ?? null,
		contacts: fields.contacts ?? null,
		reaction: fields.reaction ?? null,
		raw: boundedDepth(raw),
		sourceTimestamp,
	};
}
