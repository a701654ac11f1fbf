/**
 * A model request's conversation in one shape, whichever OpenAI API carried it: the Responses
 * API's `input` items (messages, `function_call`, `function_call_output`) or Chat Completions'
 * `messages` (with `tool_calls` and `tool` messages). Scripts and assertions read this shape.
 */

export type ModelApi = 'responses' | 'chat.completions';

export interface ToolCall {
	/** The call id the tool's result answers (`call_id` / `tool_call_id`). */
	id: string;
	name: string;
	/** The arguments as the JSON text the API carries. */
	arguments: string;
}

export interface ConversationMessage {
	role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
	/** Every text part, joined with newlines. */
	text: string;
	/** Image parts as URLs: `data:` URLs when n8n passes binary images. */
	images: string[];
	/** File parts (PDFs n8n passes through) by file name, or `file` when unnamed. */
	files: string[];
	/** What an assistant message asked tools to do. */
	toolCalls: ToolCall[];
	/** On a tool message: the call it answers. */
	toolCallId?: string;
}

export interface ConversationTool {
	name: string;
	description?: string;
	parameters?: unknown;
}

export interface Conversation {
	api: ModelApi;
	model: string;
	stream: boolean;
	messages: ConversationMessage[];
	tools: ConversationTool[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

const ROLES = new Set<ConversationMessage['role']>([
	'system',
	'developer',
	'user',
	'assistant',
	'tool',
]);

function message(role: unknown, parts: Partial<ConversationMessage> = {}): ConversationMessage {
	const known = ROLES.has(role as ConversationMessage['role']);
	return {
		role: known ? (role as ConversationMessage['role']) : 'user',
		text: '',
		images: [],
		files: [],
		toolCalls: [],
		...parts,
	};
}

/** Text, image and file parts of either API, into one message's fields. */
function readContent(content: unknown): Pick<ConversationMessage, 'text' | 'images' | 'files'> {
	if (typeof content === 'string') return { text: content, images: [], files: [] };
	const texts: string[] = [];
	const images: string[] = [];
	const files: string[] = [];
	for (const part of asArray(content)) {
		if (!isObject(part)) continue;
		if (typeof part.text === 'string') texts.push(part.text);
		else if (part.type === 'input_image') images.push(String(part.image_url ?? part.file_id ?? ''));
		else if (part.type === 'image_url')
			images.push(String(isObject(part.image_url) ? part.image_url.url : part.image_url));
		else if (part.type === 'input_file' || part.type === 'file') {
			const file = isObject(part.file) ? part.file : part;
			files.push(String(file.filename ?? 'file'));
		}
	}
	return { text: texts.join('\n'), images, files };
}

function fromResponsesItem(item: unknown): ConversationMessage[] {
	if (typeof item === 'string') return [message('user', { text: item })];
	if (!isObject(item)) return [];
	if (item.type === 'function_call')
		return [
			message('assistant', {
				toolCalls: [
					{
						id: String(item.call_id),
						name: String(item.name),
						arguments: asString(item.arguments),
					},
				],
			}),
		];
	if (item.type === 'function_call_output')
		return [
			message('tool', {
				...readContent(typeof item.output === 'string' ? item.output : asArray(item.output)),
				toolCallId: String(item.call_id),
			}),
		];
	if (item.type === undefined || item.type === 'message')
		return [message(item.role, readContent(item.content))];
	return [];
}

function fromChatMessage(item: unknown): ConversationMessage[] {
	if (!isObject(item)) return [];
	const toolCalls = asArray(item.tool_calls).flatMap((call) => {
		if (!isObject(call) || !isObject(call.function)) return [];
		const { name, arguments: args } = call.function;
		return [{ id: String(call.id), name: String(name), arguments: asString(args) }];
	});
	const toolCallId = typeof item.tool_call_id === 'string' ? item.tool_call_id : undefined;
	return [message(item.role, { ...readContent(item.content), toolCalls, toolCallId })];
}

function readTools(tools: unknown): ConversationTool[] {
	return asArray(tools).flatMap((tool) => {
		if (!isObject(tool)) return [];
		// Chat Completions nests the function; the Responses API does not.
		const fn = isObject(tool.function) ? tool.function : tool;
		if (typeof fn.name !== 'string') return [];
		const description = typeof fn.description === 'string' ? fn.description : undefined;
		return [{ name: fn.name, description, parameters: fn.parameters }];
	});
}

export function readConversation(api: ModelApi, body: Json): Conversation {
	const messages =
		api === 'responses'
			? [
					...(typeof body.instructions === 'string'
						? [message('system', { text: body.instructions })]
						: []),
					...(typeof body.input === 'string'
						? fromResponsesItem(body.input)
						: asArray(body.input).flatMap(fromResponsesItem)),
				]
			: asArray(body.messages).flatMap(fromChatMessage);
	return {
		api,
		model: String(body.model ?? ''),
		stream: body.stream === true,
		messages,
		tools: readTools(body.tools),
	};
}

/** The last message the user wrote (the prompt of this turn). */
export function lastUserMessage(conversation: Conversation): ConversationMessage | undefined {
	return [...conversation.messages].reverse().find((m) => m.role === 'user');
}

/** Tool results the model has been given since the user's last message. */
export function toolResultsThisTurn(conversation: Conversation): ConversationMessage[] {
	const results: ConversationMessage[] = [];
	for (const m of [...conversation.messages].reverse()) {
		if (m.role === 'user') break;
		if (m.role === 'tool') results.unshift(m);
	}
	return results;
}
