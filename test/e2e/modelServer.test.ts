/**
 * The scripted model server in place of OpenAI, behind n8n's own AI Agent, OpenAI Chat Model
 * and Simple Memory nodes in a real n8n of each supported line: through the Responses API (the
 * OpenAI Chat Model 1.3 default) and through Chat Completions, answered or streamed. A plain
 * answer comes back; a Calculator tool call runs and its result reaches the final answer; two
 * sessions writing in turns each keep their own memory; a binary image reaches the model.
 */
import { lastUserMessage, ModelServer, toolResultsThisTurn } from '../../dev/modelServer/server';
import type { Conversation } from '../../dev/modelServer/server';
import { BOTH_N8N_LINES, ensureN8n } from '../../dev/n8n/n8nInstall';
import { N8nInstance } from '../../dev/n8n/n8nInstance';
import { samplePhotoPng } from '../../sandbox/media/samples';
import type { ModelApiChoice } from './harness/agentWorkflows';
import { agentWorkflow, openAiCredential } from './harness/agentWorkflows';

const MODEL_KEY = 'sk-model-server-test';
const API_PATH: Record<ModelApiChoice, string> = {
	responses: '/v1/responses',
	'chat.completions': '/v1/chat/completions',
};
const APIS: ModelApiChoice[] = ['responses', 'chat.completions'];
const pathFor = (api: ModelApiChoice, streaming = false) =>
	`agent-${api === 'responses' ? 'resp' : 'chat'}${streaming ? '-stream' : ''}`;
const workflowFor = (api: ModelApiChoice, streaming = false) =>
	agentWorkflow({ id: pathFor(api, streaming), path: pathFor(api, streaming), api, streaming });

const calculatorOf = (conversation: Conversation) =>
	conversation.tools.find((tool) => /calculator/i.test(tool.name));

describe.each(BOTH_N8N_LINES)('%s: AI Agent with the model server', (_label, spec) => {
	let model: ModelServer;
	let n8n: N8nInstance;

	beforeAll(async () => {
		const install = await ensureN8n(spec);
		model = await new ModelServer({ apiKey: MODEL_KEY }).start();
		n8n = new N8nInstance(install);
		await n8n.importCredentials([openAiCredential(model.baseUrl, MODEL_KEY)]);
		await n8n.importWorkflows(APIS.flatMap((api) => [workflowFor(api), workflowFor(api, true)]));
		await n8n.start();
	});

	afterAll(async () => {
		await n8n?.stop();
		await model?.stop();
	});

	beforeEach(() => model.reset());

	async function ask(path: string, body: Record<string, string>) {
		const response = await fetch(`${n8n.url}/webhook/${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}`);
		return text;
	}

	describe.each(APIS)('through %s', (api) => {
		const path = pathFor(api);

		test('a plain answer comes back; the model saw the prompt, with the key, not streamed', async () => {
			model.script = (conversation) => ({
				text: `You asked: ${lastUserMessage(conversation)?.text}`,
			});
			const answer = JSON.parse(await ask(path, { text: 'Opening hours?', session: 'plain' }));
			expect(answer).toEqual({ output: 'You asked: Opening hours?' });
			expect(model.completions).toHaveLength(1);
			const [request] = model.completions;
			expect(request).toMatchObject({ path: API_PATH[api], apiKey: MODEL_KEY, statusCode: 200 });
			expect(request.conversation).toMatchObject({ api, model: 'gpt-test', stream: false });
			expect(lastUserMessage(request.conversation!)?.text).toBe('Opening hours?');
		});

		test('the model calls the Calculator tool, n8n runs it, and the result makes the answer', async () => {
			model.script = (conversation) => {
				const [result] = toolResultsThisTurn(conversation);
				// The agent hands over the tool node's output items: [{"response": "42"}].
				if (result) return { text: `It is ${JSON.parse(result.text)[0].response}.` };
				const calculator = calculatorOf(conversation);
				if (!calculator) return { text: 'no calculator offered' };
				return { toolCall: { name: calculator.name, arguments: { input: '6 * 7' } } };
			};
			const answer = JSON.parse(await ask(path, { text: 'What is 6 times 7?', session: 'tool' }));
			expect(answer).toEqual({ output: 'It is 42.' });
			expect(model.completions).toHaveLength(2);
			const [first, second] = model.completions.map((r) => r.conversation!);
			// n8n names a tool after its node.
			expect(calculatorOf(first)?.name).toBe('Calculator');
			const call = second.messages.find((m) => m.toolCalls.length)?.toolCalls[0];
			expect(call).toMatchObject({ name: calculatorOf(first)?.name });
			expect(JSON.parse(call!.arguments)).toMatchObject({ input: '6 * 7' });
			expect(toolResultsThisTurn(second)).toEqual([
				expect.objectContaining({
					role: 'tool',
					text: '[{"response":"42"}]',
					toolCallId: call!.id,
				}),
			]);
		});

		test('two sessions writing in turns: the model sees only that session’s history', async () => {
			model.script = (conversation) => ({
				text: `Noted: ${lastUserMessage(conversation)?.text}`,
			});
			const turns = [
				['ann', 'My name is Ann'],
				['bob', 'My name is Bob'],
				['ann', 'What is my name?'],
				['bob', 'And mine?'],
			];
			for (const [session, text] of turns) await ask(path, { text, session: `${api}-${session}` });
			const seen = model.completions.map((r) =>
				r.conversation!.messages.filter((m) => m.role !== 'system').map((m) => [m.role, m.text]),
			);
			expect(seen[2]).toEqual([
				['user', 'My name is Ann'],
				['assistant', 'Noted: My name is Ann'],
				['user', 'What is my name?'],
			]);
			expect(seen[3]).toEqual([
				['user', 'My name is Bob'],
				['assistant', 'Noted: My name is Bob'],
				['user', 'And mine?'],
			]);
		});

		test('streamed: the model is asked to stream and n8n streams its answer to the caller', async () => {
			model.script = () => ({ text: 'A streamed answer in several pieces.' });
			const body = await ask(pathFor(api, true), { text: 'Stream please', session: 'stream' });
			const chunks = body
				.split('\n')
				.filter((line) => line.trim())
				.map((line) => JSON.parse(line) as { type: string; content?: string });
			const content = chunks.filter((c) => c.type === 'item').map((c) => c.content);
			expect(content.join('')).toBe('A streamed answer in several pieces.');
			expect(content.length).toBeGreaterThan(1);
			expect(model.completions.map((r) => r.conversation?.stream)).toEqual([true]);
		});

		test('an image the Webhook received as binary reaches the model as an image part', async () => {
			model.script = (conversation) => ({
				text: `${conversation.messages.flatMap((m) => m.images).length} image(s)`,
			});
			const photo = samplePhotoPng();
			const form = new FormData();
			form.set('text', 'What is in this photo?');
			form.set('session', `${api}-photo`);
			form.set('photo', new Blob([photo], { type: 'image/png' }), 'photo.png');
			const response = await fetch(`${n8n.url}/webhook/${path}`, { method: 'POST', body: form });
			expect(await response.json()).toEqual({ output: '1 image(s)' });
			const images = model.completions[0].conversation!.messages.flatMap((m) => m.images);
			expect(images).toEqual([`data:image/png;base64,${photo.toString('base64')}`]);
		});
	});
});
