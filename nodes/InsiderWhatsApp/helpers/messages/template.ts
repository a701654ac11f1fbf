import type { IDataObject } from 'n8n-workflow';

import { requireText } from '../fieldChecks';
import type { MediaObject, MediaSource } from './media';
import { filenamePart, mediaReference } from './media';
import type { FieldReader } from './messageInput';
import { MessageInputError } from './messageInput';

export type HeaderParameterType = 'none' | 'text' | 'image' | 'video' | 'document';
export type ButtonParameterType = 'quickReply' | 'url';

export interface TemplateButtonInput {
	index?: number | string;
	type?: ButtonParameterType;
	payload?: string;
	urlSuffix?: string;
}

export interface TemplateInput {
	templateName: string;
	languageCode: string;
	headerParameterType: HeaderParameterType;
	headerParameterText?: string;
	headerMediaSource?: MediaSource;
	headerMediaLink?: string;
	headerMediaId?: string;
	headerFilename?: string;
	bodyParameters: Array<{ text?: string }>;
	buttonParameters: TemplateButtonInput[];
}

type HeaderParameter =
	| { type: 'text'; text: string }
	| { type: 'image'; image: MediaObject }
	| { type: 'video'; video: MediaObject }
	| { type: 'document'; document: MediaObject };

type Component =
	| { type: 'header'; parameters: [HeaderParameter] }
	| { type: 'body'; parameters: Array<{ type: 'text'; text: string }> }
	| {
			type: 'button';
			sub_type: 'quick_reply' | 'url';
			index: string;
			parameters: [{ type: 'payload'; payload: string } | { type: 'text'; text: string }];
	  };

/** Insider's `message` object for an approved template with its variable parts filled in. */
export interface TemplateMessage {
	type: 'template';
	template: {
		name: string;
		language: { code: string; policy: 'deterministic' };
		components?: Component[];
	};
}

function headerMedia(input: TemplateInput): MediaObject {
	const reference = {
		source: input.headerMediaSource ?? 'link',
		link: input.headerMediaLink,
		id: input.headerMediaId,
	};
	return {
		...mediaReference('Header Media', reference),
		...(input.headerParameterType === 'document' ? filenamePart(input.headerFilename) : {}),
	};
}

function headerParameter(input: TemplateInput): HeaderParameter | undefined {
	switch (input.headerParameterType) {
		case 'none':
			return undefined;
		case 'text':
			return {
				type: 'text',
				text: requireText('Header Parameter Text', input.headerParameterText),
			};
		case 'image':
			return { type: 'image', image: headerMedia(input) };
		case 'video':
			return { type: 'video', video: headerMedia(input) };
		case 'document':
			return { type: 'document', document: headerMedia(input) };
		default:
			throw new MessageInputError(
				'Header Parameter',
				`"${String(input.headerParameterType)}" is not one of none, text, image, video, document`,
			);
	}
}

/** One component per button; WhatsApp matches it to the template's button by its index. */
function buttonComponents(buttons: TemplateButtonInput[]): Component[] {
	const seen = new Map<number, number>();
	return buttons.map((button, position) => {
		const at = `Button Parameter ${position + 1}`;
		const rawIndex = requireText(`${at} Index`, String(button.index ?? '')).trim();
		const index = Number(rawIndex);
		if (!Number.isInteger(index) || index < 0) {
			throw new MessageInputError(
				`${at} Index`,
				`"${rawIndex}" is not a button index (0 for the template's first button)`,
			);
		}
		if (seen.has(index)) {
			throw new MessageInputError(
				`${at} Index`,
				`${index} is already the index of button parameter ${seen.get(index)}; each template button takes one parameter`,
			);
		}
		seen.set(index, position + 1);
		const type = button.type ?? 'quickReply';
		if (type === 'quickReply') {
			const payload = requireText(`${at} Payload`, button.payload);
			return {
				type: 'button',
				sub_type: 'quick_reply',
				index: String(index),
				parameters: [{ type: 'payload', payload }],
			};
		}
		if (type === 'url') {
			const text = requireText(`${at} URL Suffix`, button.urlSuffix);
			return {
				type: 'button',
				sub_type: 'url',
				index: String(index),
				parameters: [{ type: 'text', text }],
			};
		}
		throw new MessageInputError(`${at} Type`, `"${String(type)}" is not one of quickReply, url`);
	});
}

export function readTemplateInput(read: FieldReader): TemplateInput {
	const text = (name: string) => String(read(name, ''));
	const headerParameterType = read<HeaderParameterType>('headerParameterType', 'none');
	const isMedia = ['image', 'video', 'document'].includes(headerParameterType);
	const mediaSource = isMedia ? read<MediaSource>('headerMediaSource', 'link') : undefined;
	return {
		templateName: text('templateName'),
		languageCode: text('languageCode'),
		headerParameterType,
		headerParameterText: headerParameterType === 'text' ? text('headerParameterText') : undefined,
		headerMediaSource: mediaSource,
		headerMediaLink: mediaSource === 'link' ? text('headerMediaLink') : undefined,
		headerMediaId: mediaSource === 'id' ? text('headerMediaId') : undefined,
		headerFilename: headerParameterType === 'document' ? text('headerFilename') : undefined,
		bodyParameters: read<TemplateInput['bodyParameters']>('bodyParameters.parameter', []),
		buttonParameters: read<TemplateButtonInput[]>('buttonParameters.button', []),
	};
}

export function templateFromInput(input: TemplateInput): TemplateMessage {
	const name = requireText('Template Name', input.templateName).trim();
	const code = requireText('Language Code', input.languageCode).trim();
	const header = headerParameter(input);
	const body = (input.bodyParameters ?? []).map((parameter, position) => ({
		type: 'text' as const,
		text: requireText(`Body Parameter ${position + 1} Text`, parameter.text),
	}));
	const components: Component[] = [
		...(header ? [{ type: 'header' as const, parameters: [header] as [HeaderParameter] }] : []),
		...(body.length > 0 ? [{ type: 'body' as const, parameters: body }] : []),
		...buttonComponents(input.buttonParameters ?? []),
	];
	return {
		type: 'template',
		template: {
			name,
			// Insider's conversational API requires the deterministic policy.
			language: { code, policy: 'deterministic' },
			...(components.length > 0 ? { components } : {}),
		},
	};
}

/** Send Template's message builder. */
export function buildTemplateMessage(read: FieldReader): IDataObject {
	return templateFromInput(readTemplateInput(read)) as unknown as IDataObject;
}
