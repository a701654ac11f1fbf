import type { IDataObject } from 'n8n-workflow';

import { checkLength, requireHttpsUrl, requireText } from '../fieldChecks';
import type { HeaderInput, InteractiveHeader } from './interactiveHeader';
import { buildInteractiveHeader, readHeaderInput } from './interactiveHeader';
import { MESSAGE_LIMITS } from './limits';
import type { FieldReader } from './messageInput';

const INTERACTIVE = MESSAGE_LIMITS.interactive;

export interface CtaUrlInput extends HeaderInput {
	bodyText: string;
	footerText?: string;
	buttonText: string;
	url: string;
}

/** Insider's `message` object for a link button (Meta's interactive cta_url). */
export interface CtaUrlMessage {
	type: 'interactive';
	interactive: {
		type: 'cta_url';
		header?: InteractiveHeader;
		body: { text: string };
		footer?: { text: string };
		action: { name: 'cta_url'; parameters: { display_text: string; url: string } };
	};
}

export function readCtaUrlInput(read: FieldReader): CtaUrlInput {
	const text = (name: string) => String(read(name, ''));
	return {
		...readHeaderInput(read),
		bodyText: text('bodyText'),
		footerText: text('footerText'),
		buttonText: text('buttonText'),
		url: text('url'),
	};
}

export function ctaUrlFromInput(input: CtaUrlInput): CtaUrlMessage {
	const header = buildInteractiveHeader(input);
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
