/**
 * Answers in the shape of OpenAI's Chat Completions API (`POST /v1/chat/completions`): one
 * `chat.completion`, or with `stream: true` its `chat.completion.chunk` events ending in
 * `[DONE]` (with a usage chunk when `stream_options.include_usage` asks for it).
 */
import type { ModelAnswer } from './answers';
import { newId, pieces, usage } from './answers';
import type { Conversation } from './conversation';
import type { ServerSentEvent } from './responsesApi';

type Json = Record<string, unknown>;

function toolCallOf(answer: ModelAnswer) {
	if (!('toolCall' in answer)) return undefined;
	return {
		id: newId('call_'),
		type: 'function',
		function: { name: answer.toolCall.name, arguments: JSON.stringify(answer.toolCall.arguments) },
	};
}

function usageOf(conversation: Conversation, answer: ModelAnswer) {
	const counts = usage(conversation, answer);
	return {
		prompt_tokens: counts.input,
		completion_tokens: counts.output,
		total_tokens: counts.total,
	};
}

function envelope(conversation: Conversation, id: string, object: string): Json {
	return { id, object, created: Math.floor(Date.now() / 1000), model: conversation.model };
}

export function chatCompletionBody(conversation: Conversation, answer: ModelAnswer): Json {
	const toolCall = toolCallOf(answer);
	const message = toolCall
		? { role: 'assistant', content: null, tool_calls: [toolCall] }
		: { role: 'assistant', content: 'text' in answer ? answer.text : '' };
	return {
		...envelope(conversation, newId('chatcmpl-'), 'chat.completion'),
		choices: [
			{ index: 0, message, finish_reason: toolCall ? 'tool_calls' : 'stop', logprobs: null },
		],
		usage: usageOf(conversation, answer),
	};
}

export function chatCompletionEvents(
	conversation: Conversation,
	answer: ModelAnswer,
	includeUsage: boolean,
): ServerSentEvent[] {
	const base = envelope(conversation, newId('chatcmpl-'), 'chat.completion.chunk');
	const chunk = (delta: Json, finishReason: string | null = null) => ({
		...base,
		choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
	});
	const toolCall = toolCallOf(answer);
	const chunks: Json[] = [];
	if (toolCall) {
		const { name, arguments: args } = toolCall.function;
		chunks.push(
			chunk({
				role: 'assistant',
				content: null,
				tool_calls: [
					{ index: 0, id: toolCall.id, type: 'function', function: { name, arguments: '' } },
				],
			}),
		);
		for (const piece of pieces(args))
			chunks.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
		chunks.push(chunk({}, 'tool_calls'));
	} else {
		chunks.push(chunk({ role: 'assistant', content: '' }));
		for (const piece of pieces('text' in answer ? answer.text : ''))
			chunks.push(chunk({ content: piece }));
		chunks.push(chunk({}, 'stop'));
	}
	if (includeUsage) chunks.push({ ...base, choices: [], usage: usageOf(conversation, answer) });
	return [...chunks.map((data) => ({ data })), { data: '[DONE]' }];
}
