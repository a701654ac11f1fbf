import type { IDataObject } from 'n8n-workflow';

import { checkLength, checkNoMarkdown, requireHttpsUrl, requireText } from '../fieldChecks';
import { MESSAGE_LIMITS } from './limits';
import type { MediaObject, MediaSource } from './media';
import { filenamePart, mediaReference } from './media';
import type { FieldReader } from './messageInput';
import { MessageInputError } from './messageInput';

const INTERACTIVE = MESSAGE_LIMITS.interactive;

export type CtaUrlHeaderType = 'none' | 'text' | 'image' | 'video' | 'document';

export interface CtaUrlInput {
	headerType: CtaUrlHeaderType;
	headerText?: string;
	headerMediaSource?: MediaSource;
	headerMediaLink?: string;
	headerMediaId?: string;
	headerFilename?: string;
	bodyText: string;
	footerText?: string;
	buttonText: string;
	url: string;
}

export type CtaUrlHeader =
	| { type: 'text'; text: string }
	| { type: 'image'; image: MediaObject }
	| { type: 'video'; video: MediaObject }
	| { type: 'document'; document: MediaObject };

/** Insider's `message` object for a link button (Meta's interactive cta_url). */
export interface CtaUrlMessage {
	type: 'interactive';
	interactive: {
		type: 'cta_url';
		header?: CtaUrlHeader;
		body: { text: string };
		footer?: { text: string };
		action: { name: 'cta_url'; parameters: { display_text: string; url: string } };
	};
}

function headerMedia(input: CtaUrlInput): MediaObject {
	const reference = {
		source: input.headerMediaSource ?? 'link',
		link: input.headerMediaLink,
		id: input.headerMediaId,
	};
	return {
		...mediaReference('Header Media', reference),
		...(input.headerType === 'document' ? filenamePart(input.headerFilename) : {}),
	};
}

function buildHeader(input: CtaUrlInput): CtaUrlHeader | undefined {
	switch (input.headerType) {
		case 'none':
			return undefined;
		case 'text': {
			const text = requireText('Header Text', input.headerText);
			checkLength('Header Text', text, INTERACTIVE.headerText);
			checkNoMarkdown('Header Text', text);
			return { type: 'text', text };
		}
		case 'image':
			return { type: 'image', image: headerMedia(input) };
		case 'video':
			return { type: 'video', video: headerMedia(input) };
		case 'document':
			return { type: 'document', document: headerMedia(input) };
		default:
			throw new MessageInputError(
				'Header Type',
				`"${String(input.headerType)}" is not one of none, text, image, video, document`,
			);
	}
}

export function readCtaUrlInput(read: FieldReader): CtaUrlInput {
	const text = (name: string) => String(read(name, ''));
	const headerType = read<CtaUrlHeaderType>('headerType', 'none');
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
		buttonText: text('buttonText'),
		url: text('url'),
	};
}

export function ctaUrlFromInput(input: CtaUrlInput): CtaUrlMessage {
	const header = buildHeader(input);
	const bodyText = requireText('Body Text', input.bodyText);
	checkLength('Body Text', bodyText, INTERACTIVE.bodyText);
	const footerText = input.footerText ?? '';
	checkLength('Footer Text', footerText, INTERACTIVE.footerText);
	const buttonText = requireText('Button Text', input.buttonText);
	checkLength('Button Text', buttonText, MESSAGE_LIMITS.ctaUrl.buttonText);
	const url = requireHttpsUrl('URL', input.url, 'link buttons take https URLs only');

	return {
		type: 'interactive',
		interactive: {
			type: 'cta_url',
			...(header ? { header } : {}),
			body: { text: bodyText },
			...(footerText.trim() !== '' ? { footer: { text: footerText } } : {}),
			action: { name: 'cta_url', parameters: { display_text: buttonText, url } },
		},
	};
}

/** Send Link Button's message builder. */
export function buildCtaUrlMessage(read: FieldReader): IDataObject {
	return ctaUrlFromInput(readCtaUrlInput(read)) as unknown as IDataObject;
}
