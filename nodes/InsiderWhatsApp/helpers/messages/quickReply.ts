import type { IDataObject } from 'n8n-workflow';

import { replyButtonIdProblem } from '../../../shared/replyButtons';
import { slugify } from '../../../shared/text';
import { checkLength, checkNoMarkdown, requireText } from '../fieldChecks';
import type { HeaderInput, InteractiveHeader } from './interactiveHeader';
import { buildInteractiveHeader, readHeaderInput } from './interactiveHeader';
import { MESSAGE_LIMITS } from './limits';
import type { FieldReader } from './messageInput';
import { MessageInputError } from './messageInput';

const LIMITS = { ...MESSAGE_LIMITS.interactive, ...MESSAGE_LIMITS.quickReply };

/** The node's parameters for one item, as the user filled them in. */
export interface QuickReplyInput extends HeaderInput {
	bodyText: string;
	footerText?: string;
	buttons: Array<{ id?: string; title?: string }>;
}

/** Insider's `message` object for a reply-button message (Meta's interactive object). */
export interface QuickReplyMessage {
	type: 'interactive';
	interactive: {
		type: 'button';
		header?: InteractiveHeader;
		body: { text: string };
		footer?: { text: string };
		action: { buttons: Array<{ type: 'reply'; reply: { id: string; title: string } }> };
	};
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
		const problem = replyButtonIdProblem(id, LIMITS.buttonId);
		if (problem !== undefined) throw new MessageInputError(idField, `"${id}" ${problem}`);

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
	return {
		...readHeaderInput(read),
		bodyText: String(read('bodyText', '')),
		footerText: String(read('footerText', '')),
		buttons: read<QuickReplyInput['buttons']>('buttons.button', []),
	};
}

/**
 * Checks one item's quick-reply fields against every documented limit and builds the message
 * Insider expects. Throws MessageInputError before anything is sent.
 */
export function quickReplyFromInput(input: QuickReplyInput): QuickReplyMessage {
	const header = buildInteractiveHeader(input);
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
