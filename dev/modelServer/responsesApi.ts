/**
 * Answers in the shape of OpenAI's Responses API (`POST /v1/responses`): one response object,
 * or with `stream: true` the server-sent events the OpenAI SDK turns back into it
 * (`response.created` … `response.completed`).
 */
import type { ModelAnswer } from './answers';
import { newId, pieces, usage } from './answers';
import type { Conversation } from './conversation';

type Json = Record<string, unknown>;
export interface ServerSentEvent {
	event?: string;
	data: unknown;
}

function outputItem(answer: ModelAnswer): Json {
	if ('toolCall' in answer)
		return {
			type: 'function_call',
			id: newId('fc_'),
			call_id: newId('call_'),
			name: answer.toolCall.name,
			arguments: JSON.stringify(answer.toolCall.arguments),
			status: 'completed',
		};
	return {
		type: 'message',
		id: newId('msg_'),
		status: 'completed',
		role: 'assistant',
		content: [{ type: 'output_text', text: answer.text, annotations: [] }],
	};
}

function responseObject(conversation: Conversation, answer: ModelAnswer, output: Json[]): Json {
	const counts = usage(conversation, answer);
	return {
		id: newId('resp_'),
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		status: 'completed',
		error: null,
		incomplete_details: null,
		model: conversation.model,
		output,
		parallel_tool_calls: true,
		tool_choice: 'auto',
		tools: [],
		text: { format: { type: 'text' } },
		metadata: {},
		usage: {
			input_tokens: counts.input,
			input_tokens_details: { cached_tokens: 0 },
			output_tokens: counts.output,
			output_tokens_details: { reasoning_tokens: 0 },
			total_tokens: counts.total,
		},
	};
}

export function responsesBody(conversation: Conversation, answer: ModelAnswer): Json {
	return responseObject(conversation, answer, [outputItem(answer)]);
}

/** The events of one streamed response, in OpenAI's order. */
export function responsesEvents(
	conversation: Conversation,
	answer: ModelAnswer,
): ServerSentEvent[] {
	const item = outputItem(answer);
	const done = responseObject(conversation, answer, [item]);
	const inProgress = { ...done, status: 'in_progress', output: [], usage: null };
	const events: Json[] = [
		{ type: 'response.created', response: inProgress },
		{ type: 'response.in_progress', response: inProgress },
	];
	const at = { output_index: 0, item_id: item.id };
	if (item.type === 'function_call') {
		events.push({
			type: 'response.output_item.added',
			output_index: 0,
			item: { ...item, arguments: '', status: 'in_progress' },
		});
		for (const delta of pieces(String(item.arguments)))
			events.push({ type: 'response.function_call_arguments.delta', ...at, delta });
		events.push({
			type: 'response.function_call_arguments.done',
			...at,
			arguments: item.arguments,
		});
	} else {
		const text = 'text' in answer ? answer.text : '';
		const part = { type: 'output_text', text: '', annotations: [] };
		const content = { ...at, content_index: 0 };
		events.push(
			{
				type: 'response.output_item.added',
				output_index: 0,
				item: { ...item, status: 'in_progress', content: [] },
			},
			{ type: 'response.content_part.added', ...content, part },
		);
		for (const delta of pieces(text))
			events.push({ type: 'response.output_text.delta', ...content, delta, logprobs: [] });
		events.push(
			{ type: 'response.output_text.done', ...content, text, logprobs: [] },
			{ type: 'response.content_part.done', ...content, part: { ...part, text } },
		);
	}
	events.push(
		{ type: 'response.output_item.done', output_index: 0, item },
		{ type: 'response.completed', response: done },
	);
	return events.map((data, sequence) => ({
		event: String(data.type),
		data: { ...data, sequence_number: sequence },
	}));
}
