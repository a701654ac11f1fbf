import type { IDataObject } from 'n8n-workflow';

import { WAIT_REFERENCE_MARK } from '../../../shared/waitReferenceCodec';
import { QUICK_REPLY_LIMITS as LIMITS } from '../../constants';
import { checkLength, checkNoMarkdown, requireHttpsUrl, requireText } from '../fieldChecks';
import { containsEmoji, slugify } from '../text';
import type { FieldReader } from './messageInput';
import { MessageInputError } from './messageInput';

export type HeaderType = 'none' | 'text' | 'image' | 'video' | 'document';
export type MediaSource = 'link' | 'id';

/** The node's parameters for one item, as the user filled them in. */
export interface QuickReplyInput {
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

function buildMediaHeader(input: QuickReplyInput): MediaObject {
	const media: MediaObject = {};
	if (input.headerMediaSource === 'id') {
		media.id = requireText('Header Media ID', input.headerMediaId).trim();
	} else {
		media.link = requireHttpsUrl(
			'Header Media Link',
			input.headerMediaLink,
			'WhatsApp fetches header media only over https',
		);
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
			checkNoMarkdown('Header Text', text);
			return { type: 'text', text };
		}
		case 'image':
			return { type: 'image', image: buildMediaHeader(input) };
		case 'video':
			return { type: 'video', video: buildMediaHeader(input) };
		case 'document':
			return { type: 'document', document: buildMediaHeader(input) };
		default:
			throw new MessageInputError(
				'Header Type',
				`"${String(input.headerType)}" is not one of none, text, image, video, document`,
			);
	}
}

/** A button's id as sent: the one the user gave, or one derived from the title. */
export function replyButtonId(id: string | undefined, title: string, position: number): string {
	return id === undefined || id === ''
		? slugify(title, LIMITS.buttonTitle) || `button_${position}`
		: id;
}

function buildButtons(input: QuickReplyInput) {
	const count = input.buttons.length;
	if (count < LIMITS.minButtons || count > LIMITS.maxButtons) {
		throw new MessageInputError(
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
		checkNoMarkdown(`Button ${position} Title`, title);
		const id = replyButtonId(button.id, title, position);
		const idField = `Button ${position} ID`;
		checkLength(idField, id, LIMITS.buttonId);
		if (id.trim() !== id) {
			throw new MessageInputError(idField, `"${id}" must not start or end with a space`);
		}
		if (containsEmoji(id)) throw new MessageInputError(idField, `"${id}" must not contain emoji`);
		if (id.startsWith(WAIT_REFERENCE_MARK)) {
			throw new MessageInputError(
				idField,
				`"${id}" must not start with "${WAIT_REFERENCE_MARK}": that prefix marks the button ids of Send Quick Reply and Wait for Tap, which the Insider WhatsApp Trigger uses to resume a waiting execution`,
			);
		}

		const titleKey = title.trim().toLowerCase();
		if (seenTitles.has(titleKey)) {
			throw new MessageInputError(
				`Button ${position} Title`,
				`"${title}" is already the title of button ${seenTitles.get(titleKey)}; titles must be unique`,
			);
		}
		if (seenIds.has(id)) {
			throw new MessageInputError(
				idField,
				`"${id}" is already the ID of button ${seenIds.get(id)}; IDs must be unique (an empty ID is derived from the title)`,
			);
		}
		seenTitles.set(titleKey, position);
		seenIds.set(id, position);
		return { type: 'reply' as const, reply: { id, title } };
	});
}

/** The quick-reply fields of one item, as the user filled them in. */
export function readQuickReplyInput(read: FieldReader): QuickReplyInput {
	const text = (name: string) => String(read(name, ''));
	const headerType = read<HeaderType>('headerType', 'none');
	const isMedia = headerType === 'image' || headerType === 'video' || headerType === 'document';
	const mediaSource = isMedia ? read<MediaSource>('headerMediaSource', 'link') : undefined;
	return {
		headerType,
		headerText: headerType === 'text' ? text('headerText') : undefined,
		headerMediaSource: mediaSource,
		headerMediaLink: mediaSource === 'link' ? text('headerMediaLink') : undefined,
		headerMediaId: mediaSource === 'id' ? text('headerMediaId') : undefined,
		headerFilename: headerType === 'document' ? text('headerFilename') : undefined,
		bodyText: text('bodyText'),
		footerText: text('footerText'),
		buttons: read<QuickReplyInput['buttons']>('buttons.button', []),
	};
}

/**
 * Checks one item's quick-reply fields against every documented limit and builds the message
 * Insider expects. Throws MessageInputError before anything is sent.
 */
export function quickReplyFromInput(input: QuickReplyInput): QuickReplyMessage {
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
	return { type: 'interactive', interactive };
}

/** Send Quick Reply's message builder. */
export function buildQuickReplyMessage(read: FieldReader): IDataObject {
	return quickReplyFromInput(readQuickReplyInput(read)) as unknown as IDataObject;
}
