/** What a script answers with, and the ids and usage figures both APIs' answers carry. */
import { randomBytes } from 'crypto';

import type { Conversation } from './conversation';

/** A plain text answer, or a request to call one tool; optionally after a delay. */
export type ModelAnswer = (
	| { text: string }
	| { toolCall: { name: string; arguments: Record<string, unknown> } }
) & { delayMs?: number };

export const newId = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;

/** Token counts: words, roughly, so they are plausible and never zero. */
export function usage(conversation: Conversation, answer: ModelAnswer) {
	const words = (text: string) => Math.max(1, text.split(/\s+/).filter(Boolean).length);
	const input = conversation.messages.reduce((sum, m) => sum + words(m.text), 0);
	const output = 'text' in answer ? words(answer.text) : words(JSON.stringify(answer.toolCall));
	return { input, output, total: input + output };
}

/** A text cut into a few pieces, so a streamed answer arrives in more than one delta. */
export function pieces(text: string): string[] {
	const words = text.split(/(?<=\s)/);
	const size = Math.max(1, Math.ceil(words.length / 3));
	const result: string[] = [];
	for (let i = 0; i < words.length; i += size) result.push(words.slice(i, i + size).join(''));
	return result.length ? result : [''];
}
