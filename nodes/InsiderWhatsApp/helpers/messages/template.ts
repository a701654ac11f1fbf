import type { IDataObject } from 'n8n-workflow';

import { requireText } from '../fieldChecks';
import type { HeaderInput, HeaderType, InteractiveHeader } from './interactiveHeader';
import { mediaHeader, readHeaderInput, unknownHeaderType } from './interactiveHeader';
import type { FieldReader } from './messageInput';
import { MessageInputError } from './messageInput';

export type HeaderParameterType = HeaderType;
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
	/** The header's variable part: the same fields as an interactive header. */
	header: HeaderInput;
	bodyParameters: Array<{ text?: string }>;
	buttonParameters: TemplateButtonInput[];
}

type HeaderParameter = InteractiveHeader;

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

/** What fills the template header's variable part: a text of any length, or media. */
function headerParameter(header: HeaderInput): HeaderParameter | undefined {
	const type = header.headerType;
	if (type === 'none') return undefined;
	if (type === 'text') {
		return { type: 'text', text: requireText('Header Parameter Text', header.headerText) };
	}
	if (type === 'image' || type === 'video' || type === 'document') return mediaHeader(header, type);
	throw unknownHeaderType('Header Parameter', type);
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

/** Send Template names its header fields for the variable part they fill. */
const TEMPLATE_HEADER_FIELDS = { type: 'headerParameterType', text: 'headerParameterText' };

export function readTemplateInput(read: FieldReader): TemplateInput {
	const text = (name: string) => String(read(name, ''));
	return {
		templateName: text('templateName'),
		languageCode: text('languageCode'),
		header: readHeaderInput(read, TEMPLATE_HEADER_FIELDS),
		bodyParameters: read<TemplateInput['bodyParameters']>('bodyParameters.parameter', []),
		buttonParameters: read<TemplateButtonInput[]>('buttonParameters.button', []),
	};
}

export function templateFromInput(input: TemplateInput): TemplateMessage {
	const name = requireText('Template Name', input.templateName).trim();
	const code = requireText('Language Code', input.languageCode).trim();
	const header = headerParameter(input.header);
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
