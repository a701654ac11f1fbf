import type { FieldReader } from './messages/messageInput';
import { MessageInputError } from './messages/messageInput';

/** One item's Mark as Read: the contact's message, the business number, and whether to type. */
export interface ReadReceiptInput {
	messageId: string;
	phoneNumberId: string;
	typing: boolean;
}

/**
 * A parameter as text. `{{ $json.phoneNumberId }}` gives null or undefined on an item without
 * one (a status callback may have none), which must read as empty, not as "null".
 */
export const textOf = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/**
 * Mark as Read's fields: the item's Phone Number ID, else the credential's (`fallback`).
 * Throws MessageInputError naming the field.
 */
export function readReceiptInput(
	read: FieldReader,
	fallbackPhoneNumberId: string,
): ReadReceiptInput {
	const messageId = textOf(read('messageId', ''));
	if (messageId === '')
		throw new MessageInputError(
			'Message ID',
			"is empty: give the wamid of the contact's message (the Insider WhatsApp Trigger's messageId)",
		);
	const phoneNumberId = textOf(read('phoneNumberId', '')) || fallbackPhoneNumberId;
	if (phoneNumberId === '')
		throw new MessageInputError(
			'Phone Number ID',
			"is empty, and the credential has none either: give Meta's ID of the business number the message came to (the trigger's phoneNumberId), here or in the credential",
		);
	return { messageId, phoneNumberId, typing: read<boolean>('showTypingIndicator', true) !== false };
}
