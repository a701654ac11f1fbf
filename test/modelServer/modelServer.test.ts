/* The scripted model server over real HTTP: the requests n8n's OpenAI Chat Model makes (model
   list, Responses API, Chat Completions; answered or streamed) read into one conversation shape,
   scripted answers in each API's shape, and every request recorded. test/e2e/modelServer.test.ts
   proves the same against n8n's own nodes. */
import type { Conversation } from '../../dev/modelServer/server';
import { lastUserMessage, ModelServer, toolResultsThisTurn } from '../../dev/modelServer/server';

const KEY = 'sk-unit-test';
let server: ModelServer;
beforeAll(
	async () => (server = await new ModelServer({ apiKey: KEY, models: ['gpt-a', 'gpt-b'] }).start()),
);
afterAll(async () => await server.stop());
beforeEach(() => server.reset());

async function call(path: string, body?: unknown, key = KEY) {
	const response = await fetch(`${server.baseUrl}${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return {
		status: response.status,
		type: response.headers.get('content-type'),
		text: await response.text(),
	};
}

/** Server-sent events as [event name, data]. */
const events = (text: string) =>
	text
		.split('\n\n')
		.filter(Boolean)
		.map((block) => {
			const event = /^event: (.*)$/m.exec(block)?.[1];
			const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
			return [event, data === '[DONE]' ? data : JSON.parse(data)] as const;
		});

const TOOLS_RESPONSES = [
	{ type: 'function', name: 'Calculator', description: 'math', parameters: {} },
];
const TOOLS_CHAT = [
	{ type: 'function', function: { name: 'Calculator', description: 'math', parameters: {} } },
];

test('GET /v1/models lists the models (the credential test and the model list); a wrong key gets 401', async () => {
	const models = await call('/models');
	expect(models.status).toBe(200);
	expect(JSON.parse(models.text)).toMatchObject({
		object: 'list',
		data: [{ id: 'gpt-a', object: 'model' }, { id: 'gpt-b' }],
	});
	const wrong = await call('/models', undefined, 'sk-wrong');
	expect(wrong.status).toBe(401);
	expect(JSON.parse(wrong.text).error).toMatchObject({ code: 'invalid_api_key' });
	expect(server.requests.map((r) => [r.path, r.statusCode])).toEqual([
		['/v1/models', 200],
		['/v1/models', 401],
	]);
});

test('Responses API: input items become one conversation, and a text answer is a message output', async () => {
	server.script = (conversation) => ({ text: `Echo: ${lastUserMessage(conversation)?.text}` });
	const answer = await call('/responses', {
		model: 'gpt-a',
		instructions: 'Be brief.',
		input: [
			{ role: 'user', content: 'Hi' },
			{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello!' }] },
			{
				type: 'message',
				role: 'user',
				content: [
					{ type: 'input_text', text: 'What is this?' },
					{ type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'auto' },
					{ type: 'input_file', filename: 'menu.pdf', file_data: 'data:application/pdf;base64,AA' },
				],
			},
		],
		tools: TOOLS_RESPONSES,
	});
	const body = JSON.parse(answer.text);
	expect(body).toMatchObject({
		object: 'response',
		status: 'completed',
		model: 'gpt-a',
		error: null,
	});
	expect(body.output).toEqual([
		{
			type: 'message',
			id: expect.stringMatching(/^msg_/),
			status: 'completed',
			role: 'assistant',
			content: [{ type: 'output_text', text: 'Echo: What is this?', annotations: [] }],
		},
	]);
	const conversation = server.completions[0].conversation as Conversation;
	expect(conversation.messages.map((m) => [m.role, m.text, m.images, m.files])).toEqual([
		['system', 'Be brief.', [], []],
		['user', 'Hi', [], []],
		['assistant', 'Hello!', [], []],
		['user', 'What is this?', ['data:image/png;base64,AAAA'], ['menu.pdf']],
	]);
	expect(conversation.tools).toEqual([{ name: 'Calculator', description: 'math', parameters: {} }]);
	expect(server.completions[0]).toMatchObject({
		apiKey: KEY,
		answer: { text: 'Echo: What is this?' },
	});
});

test('Responses API: a tool call is a function_call; its output comes back as function_call_output', async () => {
	server.script = (conversation) => {
		const [result] = toolResultsThisTurn(conversation);
		return result
			? { text: `= ${result.text}` }
			: { toolCall: { name: 'Calculator', arguments: { input: '6*7' } } };
	};
	const first = JSON.parse(
		(await call('/responses', { model: 'm', input: 'six times seven', tools: TOOLS_RESPONSES }))
			.text,
	);
	const [fc] = first.output;
	expect(fc).toEqual({
		type: 'function_call',
		id: expect.stringMatching(/^fc_/),
		call_id: expect.stringMatching(/^call_/),
		name: 'Calculator',
		arguments: '{"input":"6*7"}',
		status: 'completed',
	});
	const second = await call('/responses', {
		model: 'm',
		input: [
			{ role: 'user', content: 'six times seven' },
			{ type: 'function_call', call_id: fc.call_id, name: fc.name, arguments: fc.arguments },
			{ type: 'function_call_output', call_id: fc.call_id, output: '42' },
		],
	});
	expect(JSON.parse(second.text).output[0].content[0].text).toBe('= 42');
	const seen = server.completions[1].conversation as Conversation;
	expect(seen.messages.slice(1)).toEqual([
		expect.objectContaining({
			role: 'assistant',
			toolCalls: [{ id: fc.call_id, name: 'Calculator', arguments: '{"input":"6*7"}' }],
		}),
		expect.objectContaining({ role: 'tool', text: '42', toolCallId: fc.call_id }),
	]);
});

test('Responses API streamed: OpenAI’s event order, numbered, the text in several deltas', async () => {
	server.script = () => ({ text: 'One two three four five six' });
	const answer = await call('/responses', { model: 'm', input: 'count', stream: true });
	expect(answer.type).toBe('text/event-stream; charset=utf-8');
	const stream = events(answer.text);
	expect(stream.map(([name]) => name)).toEqual([
		'response.created',
		'response.in_progress',
		'response.output_item.added',
		'response.content_part.added',
		...stream
			.filter(([name]) => name === 'response.output_text.delta')
			.map(() => 'response.output_text.delta'),
		'response.output_text.done',
		'response.content_part.done',
		'response.output_item.done',
		'response.completed',
	]);
	const deltas = stream.filter(([name]) => name === 'response.output_text.delta');
	expect(deltas.length).toBeGreaterThan(1);
	expect(deltas.map(([, data]) => data.delta).join('')).toBe('One two three four five six');
	expect(stream.map(([, data]) => data.sequence_number)).toEqual(stream.map((_, i) => i));
	expect(stream[stream.length - 1][1].response.output[0].content[0].text).toBe(
		'One two three four five six',
	);
	expect(server.completions[0].conversation?.stream).toBe(true);
});

test('Responses API streamed tool call: the item, then its arguments in deltas', async () => {
	server.script = () => ({
		toolCall: { name: 'Calculator', arguments: { input: '1 + 2 + 3 + 4' } },
	});
	const stream = events(
		(await call('/responses', { model: 'm', input: 'sum', stream: true })).text,
	);
	const added = stream.find(([name]) => name === 'response.output_item.added')?.[1];
	expect(added.item).toMatchObject({ type: 'function_call', name: 'Calculator', arguments: '' });
	const args = stream
		.filter(([name]) => name === 'response.function_call_arguments.delta')
		.map(([, d]) => d.delta);
	expect(JSON.parse(args.join(''))).toEqual({ input: '1 + 2 + 3 + 4' });
	expect(stream[stream.length - 1][1].response.output[0].call_id).toBe(added.item.call_id);
});

test('Chat Completions: messages with tool calls and tool results; answers as chat.completion', async () => {
	server.script = (conversation) =>
		toolResultsThisTurn(conversation).length
			? { text: 'It is 42.' }
			: { toolCall: { name: 'Calculator', arguments: { input: '6*7' } } };
	const first = JSON.parse(
		(
			await call('/chat/completions', {
				model: 'm',
				messages: [{ role: 'user', content: 'six times seven' }],
				tools: TOOLS_CHAT,
			})
		).text,
	);
	expect(first).toMatchObject({
		object: 'chat.completion',
		choices: [{ finish_reason: 'tool_calls' }],
	});
	const [toolCall] = first.choices[0].message.tool_calls;
	expect(toolCall).toEqual({
		id: expect.stringMatching(/^call_/),
		type: 'function',
		function: { name: 'Calculator', arguments: '{"input":"6*7"}' },
	});
	const second = JSON.parse(
		(
			await call('/chat/completions', {
				model: 'm',
				messages: [
					{ role: 'system', content: 'sys' },
					{
						role: 'user',
						content: [
							{ type: 'text', text: 'six times seven' },
							{ type: 'image_url', image_url: { url: 'data:image/png;base64,BB' } },
						],
					},
					{ role: 'assistant', content: '', tool_calls: [toolCall] },
					{ role: 'tool', content: '42', tool_call_id: toolCall.id },
				],
			})
		).text,
	);
	expect(second.choices[0]).toMatchObject({
		message: { role: 'assistant', content: 'It is 42.' },
		finish_reason: 'stop',
	});
	const seen = server.completions[1].conversation as Conversation;
	expect(seen.api).toBe('chat.completions');
	expect(
		seen.messages.map((m) => [m.role, m.text, m.images.length, m.toolCalls.length, m.toolCallId]),
	).toEqual([
		['system', 'sys', 0, 0, undefined],
		['user', 'six times seven', 1, 0, undefined],
		['assistant', '', 0, 1, undefined],
		['tool', '42', 0, 0, toolCall.id],
	]);
	expect(server.completions[0].conversation?.tools.map((t) => t.name)).toEqual(['Calculator']);
});

test('Chat Completions streamed: chunks, a usage chunk when asked, then [DONE]', async () => {
	server.script = () => ({ text: 'Streaming over chat completions works' });
	const text = (
		await call('/chat/completions', {
			model: 'm',
			messages: [{ role: 'user', content: 'go' }],
			stream: true,
			stream_options: { include_usage: true },
		})
	).text;
	const stream = events(text).map(([, data]) => data);
	expect(stream[stream.length - 1]).toBe('[DONE]');
	const chunks = stream.slice(0, -1);
	expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
	const content = chunks.flatMap((c) =>
		c.choices.map((choice: { delta: { content?: string } }) => choice.delta.content ?? ''),
	);
	expect(content.join('')).toBe('Streaming over chat completions works');
	expect(chunks.filter((c) => c.choices[0]?.finish_reason === 'stop')).toHaveLength(1);
	expect(chunks[chunks.length - 1]).toMatchObject({
		choices: [],
		usage: { total_tokens: expect.any(Number) },
	});
});

test('a fixed delay holds the answer back; a failing script answers 500 in OpenAI’s error shape', async () => {
	server.script = () => ({ text: 'late', delayMs: 60 });
	await call('/responses', { model: 'm', input: 'x' });
	const [late] = server.completions;
	// Node may fire a timer a millisecond early; the point is that the answer waited.
	expect(Date.parse(late.answeredAt as string) - Date.parse(late.at)).toBeGreaterThanOrEqual(55);
	server.script = () => {
		throw new Error('no rule for this');
	};
	const failed = await call('/responses', { model: 'm', input: 'y' });
	expect(failed.status).toBe(500);
	expect(JSON.parse(failed.text).error).toMatchObject({
		message: 'no rule for this',
		type: 'server_error',
	});
	expect((await call('/embeddings', {})).status).toBe(404);
});
