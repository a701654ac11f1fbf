/**
 * What each type of inbound Meta message holds, one reader per type in a table keyed by Meta's
 * `type`: text, the taps (interactive button and list replies, template buttons), media
 * (image, audio, video, document, sticker), location, contacts and reactions. A type the table
 * does not hold, or a message without the object its type names, is a message the node does not
 * know: its reader finds nothing and the message becomes an `unknown` event.
 */
import type {
	CallbackEventContact,
	CallbackEventLocation,
	CallbackEventMedia,
	CallbackEventReply,
	EventFields,
} from './callbackEvent';
import type { ReadBudget } from './callbackLimits';
import type { JsonObject } from './jsonValues';
import { field, lookupTable, objectField, objectsIn, str } from './jsonValues';

/**
 * How much of a contacts message an item lists; the rest stays in `raw`. Meta documents at most
 * 257 contacts per contacts message; a phone book card holds a handful of numbers and addresses.
 */
export const INBOUND_LIMITS = {
	contactsPerMessage: 257,
	phonesPerContact: 20,
	emailsPerContact: 20,
} as const;

/** What a reader found in a message; the fields every message has are read by the caller. */
export type InboundContent = Pick<
	EventFields,
	'event' | 'reply' | 'text' | 'media' | 'location' | 'contacts' | 'reaction'
>;

type Reader = (message: JsonObject, budget: ReadBudget) => InboundContent | null;

function tap(
	message: JsonObject,
	type: CallbackEventReply['type'],
	id: unknown,
	title: unknown,
): InboundContent {
	const contextMessageId = str(field(objectField(message, 'context'), 'id'));
	return { event: 'reply', reply: { type, id: str(id), title: str(title), contextMessageId } };
}

/** A quick-reply button or a list row; other interactive answers (flows…) are not known. */
function interactiveReply(message: JsonObject): InboundContent | null {
	const interactive = objectField(message, 'interactive');
	const button = objectField(interactive, 'button_reply');
	if (button) return tap(message, 'button', field(button, 'id'), field(button, 'title'));
	const row = objectField(interactive, 'list_reply');
	if (row) return tap(message, 'list', field(row, 'id'), field(row, 'title'));
	return null;
}

function templateButton(message: JsonObject): InboundContent | null {
	const button = objectField(message, 'button');
	return button
		? tap(message, 'templateButton', field(button, 'payload'), field(button, 'text'))
		: null;
}

function text(message: JsonObject): InboundContent | null {
	const content = objectField(message, 'text');
	return content ? { event: 'message', text: field(content, 'body') } : null;
}

/** Media of the message's type; `text` carries the caption, as for a text message. */
const media =
	(type: string): Reader =>
	(message) => {
		const content = objectField(message, type);
		if (!content) return null;
		const found: CallbackEventMedia = {
			id: str(field(content, 'id')),
			mimeType: str(field(content, 'mime_type')),
			sha256: str(field(content, 'sha256')),
			caption: str(field(content, 'caption')),
			filename: str(field(content, 'filename')),
			voice: type === 'audio' && field(content, 'voice') === true,
		};
		return { event: 'message', text: found.caption, media: found };
	};

/** Decimal degrees as Meta writes them (a number; some relays send it as text). */
const DECIMAL = /^-?\d{1,3}(\.\d{1,20})?$/;

function coordinate(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	return typeof value === 'string' && DECIMAL.test(value) ? Number(value) : null;
}

function location(message: JsonObject): InboundContent | null {
	const content = objectField(message, 'location');
	if (!content) return null;
	const found: CallbackEventLocation = {
		latitude: coordinate(field(content, 'latitude')),
		longitude: coordinate(field(content, 'longitude')),
		name: str(field(content, 'name')),
		address: str(field(content, 'address')),
		url: str(field(content, 'url')),
	};
	return { event: 'message', location: found };
}

function contactCard(card: JsonObject, budget: ReadBudget): CallbackEventContact {
	const phones = objectsIn(budget, card, 'phones').slice(0, INBOUND_LIMITS.phonesPerContact);
	const emails = objectsIn(budget, card, 'emails').slice(0, INBOUND_LIMITS.emailsPerContact);
	return {
		name: str(field(objectField(card, 'name'), 'formatted_name')),
		phones: phones.map((phone) => ({
			phone: str(field(phone, 'phone')),
			waId: str(field(phone, 'wa_id')),
			type: str(field(phone, 'type')),
		})),
		emails: emails.map((email) => ({
			email: str(field(email, 'email')),
			type: str(field(email, 'type')),
		})),
	};
}

function contacts(message: JsonObject, budget: ReadBudget): InboundContent | null {
	if (!Array.isArray(field(message, 'contacts'))) return null;
	const cards = objectsIn(budget, message, 'contacts').slice(0, INBOUND_LIMITS.contactsPerMessage);
	return { event: 'message', contacts: cards.map((card) => contactCard(card, budget)) };
}

/** A reaction to a message; Meta leaves the emoji out when the contact removes it. */
function reaction(message: JsonObject): InboundContent | null {
	const content = objectField(message, 'reaction');
	if (!content) return null;
	return {
		event: 'message',
		reaction: { messageId: str(field(content, 'message_id')), emoji: str(field(content, 'emoji')) },
	};
}

const READERS = lookupTable<Reader>({
	text,
	interactive: interactiveReply,
	button: templateButton,
	image: media('image'),
	audio: media('audio'),
	video: media('video'),
	document: media('document'),
	sticker: media('sticker'),
	location,
	contacts,
	reaction,
});

/** What a message of Meta's `type` holds, or null for a type or a message the node does not know. */
export function readInboundMessage(
	type: string | null,
	message: JsonObject,
	budget: ReadBudget,
): InboundContent | null {
	const reader = READERS(type);
	return reader ? reader(message, budget) : null;
}
