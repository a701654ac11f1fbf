import { QUICK_REPLY_LIMITS as LIMITS } from '../constants';
import { normalizePhoneNumber } from './phoneNumber';
import { codePointLength, containsEmoji, containsMarkdown, slugify } from './text';

export type HeaderType = 'none' | 'text' | 'image' | 'video' | 'document';
export type MediaSource = 'link' | 'id';

/** The node's parameters for one item, as the user filled them in. */
export interface QuickReplyInput {
	phoneNumber: string;
	headerType: HeaderType;
	headerText?: string;
	headerMediaSource?: MediaSource;
	headerMediaLink?: string;
	headerMediaId?: string;
	headerFilename?: string;
	bodyText: string;
	footerText?: string;
	buttons: Array<{ id?: string; title?: string }>;
}

interface MediaObject {
	link?: string;
	id?: string;
	filename?: string;
}

export type QuickReplyHeader =
	| { type: 'text'; text: string }
	| { type: 'image'; image: MediaObject }
	| { type: 'video'; video: MediaObject }
	| { type: 'document'; document: MediaObject };

/** Insider's `message` object for a reply-button message (Meta's interactive object). */
export interface QuickReplyMessage {
	type: 'interactive';
	interactive: {
		type: 'button';
		header?: QuickReplyHeader;
		body: { text: string };
		footer?: { text: string };
		action: { buttons: Array<{ type: 'reply'; reply: { id: string; title: string } }> };
	};
}

export interface OutgoingMessage {
	phoneNumber: string;
	message: QuickReplyMessage;
}

/** A parameter value Insider would reject; `field` is the name the user sees in the node. */
export class QuickReplyInputError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field}: ${problem}`);
		this.name = 'QuickReplyInputError';
	}
}

const HTTPS_URL = /^https:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/i;

function checkLength(field: string, value: string, limit: number): void {
	const length = codePointLength(value);
	if (length > limit) {
		throw new QuickReplyInputError(
			field,
			`${length} characters long; the limit is ${limit} characters`,
		);
	}
}

function requireText(field: string, value: string | undefined): string {
	if (value === undefined || value.trim() === '') {
		throw new QuickReplyInputError(field, 'is required and must not be empty');
	}
	return value;
}

function buildMediaHeader(input: QuickReplyInput): MediaObject {
	const media: MediaObject = {};
	if (input.headerMediaSource === 'id') {
		media.id = requireText('Header Media ID', input.headerMediaId).trim();
	} else {
		const link = requireText('Header Media Link', input.headerMediaLink).trim();
		if (!HTTPS_URL.test(link)) {
			throw new QuickReplyInputError(
				'Header Media Link',
				`"${link}" is not an https URL; WhatsApp fetches header media only over https`,
			);
		}
		media.link = link;
	}
	if (input.headerType === 'document' && input.headerFilename) {
		media.filename = input.headerFilename.trim();
	}
	return media;
}

function buildHeader(input: QuickReplyInput): QuickReplyHeader | undefined {
	switch (input.headerType) {
		case 'none':
			return undefined;
		case 'text': {
			const text = requireText('Header Text', input.headerText);
			checkLength('Header Text', text, LIMITS.headerText);
			if (containsMarkdown(text)) {
				throw new QuickReplyInputError('Header Text', 'must not contain markdown (*, _, ~ or ```)');
			}
			return { type: 'text', text };
		}
		case 'image':
			return { type: 'image', image: buildMediaHeader(input) };
		case 'video':
			return { type: 'video', video: buildMediaHeader(input) };
		case 'document':
			return { type: 'document', document: buildMediaHeader(input) };
		default:
			throw new QuickReplyInputError(
				'Header Type',
				`"${String(input.headerType)}" is not one of none, text, image, video, document`,
			);
	}
}

function buildButtons(input: QuickReplyInput) {
	const count = input.buttons.length;
	if (count < LIMITS.minButtons || count > LIMITS.maxButtons) {
		throw new QuickReplyInputError(
			'Buttons',
			`${count} buttons given; a quick reply needs ${LIMITS.minButtons} to ${LIMITS.maxButtons}`,
		);
	}
	const seenIds = new Map<string, number>();
	const seenTitles = new Map<string, number>();
	return input.buttons.map((button, index) => {
		const position = index + 1;
		const title = requireText(`Button ${position} Title`, button.title);
		checkLength(`Button ${position} Title`, title, LIMITS.buttonTitle);
		if (containsMarkdown(title)) {
			throw new QuickReplyInputError(
				`Button ${position} Title`,
				'must not contain markdown (*, _, ~ or ```)',
			);
		}
		const id =
			button.id === undefined || button.id === ''
				? slugify(title) || `button_${position}`
				: button.id;
		const idField = `Button ${position} ID`;
		checkLength(idField, id, LIMITS.buttonId);
		if (id.trim() !== id) {
			throw new QuickReplyInputError(idField, `"${id}" must not start or end with a space`);
		}
		if (containsEmoji(id))
			throw new QuickReplyInputError(idField, `"${id}" must not contain emoji`);

		const titleKey = title.trim().toLowerCase();
		if (seenTitles.has(titleKey)) {
			throw new QuickReplyInputError(
				`Button ${position} Title`,
				`"${title}" is already the title of button ${seenTitles.get(titleKey)}; titles must be unique`,
			);
		}
		if (seenIds.has(id)) {
			throw new QuickReplyInputError(
				idField,
				`"${id}" is already the ID of button ${seenIds.get(id)}; IDs must be unique (an empty ID is derived from the title)`,
			);
		}
		seenTitles.set(titleKey, position);
		seenIds.set(id, position);
		return { type: 'reply' as const, reply: { id, title } };
	});
}

/**
 * Checks one item's parameters against every documented limit and builds the message
 * Insider expects. Throws QuickReplyInputError before anything is sent.
 */
export function buildQuickReplyMessage(input: QuickReplyInput): OutgoingMessage {
	const phoneNumber = normalizePhoneNumber(requireText('Phone Number', input.phoneNumber));
	if (phoneNumber === undefined) {
		throw new QuickReplyInputError(
			'Phone Number',
			`"${input.phoneNumber}" is not a valid international number; use E.164: +, country code and number, 8 to 15 digits (for example +905321234567)`,
		);
	}
	const header = buildHeader(input);
	const bodyText = requireText('Body Text', input.bodyText);
	checkLength('Body Text', bodyText, LIMITS.bodyText);
	const footerText = input.footerText ?? '';
	checkLength('Footer Text', footerText, LIMITS.footerText);
	const buttons = buildButtons(input);

	// Key order follows Insider's documented sample, which keeps payloads easy to compare.
	const interactive: QuickReplyMessage['interactive'] = {
		type: 'button',
		...(header ? { header } : {}),
		body: { text: bodyText },
		...(footerText.trim() !== '' ? { footer: { text: footerText } } : {}),
		action: { buttons },
	};
	return { phoneNumber, message: { type: 'interactive', interactive } };
}
