import type { IDataObject } from 'n8n-workflow';

import { checkLength, requireText } from '../fieldChecks';
import { MESSAGE_LIMITS } from './limits';
import type { FieldReader } from './messageInput';

export interface TextInput {
	text: string;
	previewUrl: boolean;
}

/** Insider's `message` object for a plain text message (Meta's text object). */
export interface TextMessage {
	type: 'text';
	text: { preview_url?: true; body: string };
}

/** An expression may hand a toggle over as the string "true". */
export function isTrue(value: unknown): boolean {
	return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

export function readTextInput(read: FieldReader): TextInput {
	return {
		text: String(read('text', '')),
		previewUrl: isTrue(read<unknown>('previewUrl', false)),
	};
}

export function textFromInput(input: TextInput): TextMessage {
	const body = requireText('Text', input.text);
	checkLength('Text', body, MESSAGE_LIMITS.text.body);
	// WhatsApp's default is no preview, so the key is only sent when a preview is wanted.
	return { type: 'text', text: { ...(input.previewUrl ? { preview_url: true } : {}), body } };
}

/** Send Text's message builder. */
export function buildTextMessage(read: FieldReader): IDataObject {
	return textFromInput(readTextInput(read)) as unknown as IDataObject;
}
