/**
 * The rules of a reply button's id, from Meta's and Insider's documentation, in one place: Send
 * Quick Reply checks the ids it sends, Send and Wait checks the user's id it puts inside a wait
 * reference, and the trigger reads ids back with the same rules.
 */
import { codePointLength, containsEmoji } from './text';

export const REPLY_BUTTON_LIMITS = {
	/** Meta's limit for a reply button's title, in code points. */
	title: 20,
	/** Meta's limit for a reply button's id, in code points. */
	id: 256,
} as const;

/** Send and Wait's button ids start with this; a user's own id must not. */
export const RESERVED_BUTTON_ID_PREFIX = 'n8nw1';

// C0 and C1 controls, including line breaks: never part of a button id we send.
const CONTROL = /\p{Cc}/u;

/**
 * Why `id` cannot be a reply button's id, or undefined when it can. `limitNote` replaces the
 * plain "the limit is N characters" where the limit needs explaining.
 */
export function replyButtonIdProblem(
	id: string,
	limit: number = REPLY_BUTTON_LIMITS.id,
	limitNote = `the limit is ${limit} characters`,
): string | undefined {
	if (id === '') return 'must not be empty';
	// The length in UTF-16 units bounds the work before anything else is looked at.
	if (id.length > limit * 2) return `is far longer than ${limit} characters`;
	const length = codePointLength(id);
	if (length > limit) return `${length} characters long; ${limitNote}`;
	if (id.trim() !== id) return 'must not start or end with a space';
	if (CONTROL.test(id)) return 'must not contain line breaks or other control characters';
	if (containsEmoji(id)) return 'must not contain emoji';
	if (id.startsWith(RESERVED_BUTTON_ID_PREFIX)) {
		return `must not start with "${RESERVED_BUTTON_ID_PREFIX}": that prefix marks the button ids of Send Quick Reply and Wait for Tap, which the Insider WhatsApp Trigger uses to resume a waiting execution`;
	}
	return undefined;
}
