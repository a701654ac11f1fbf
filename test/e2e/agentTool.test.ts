/**
 * The Insider WhatsApp node as an AI Agent's tool in a real n8n of each supported line: n8n's own
 * AI Agent and OpenAI Chat Model (on the scripted model server) call the node's tool version,
 * whose fields come from `$fromAI()`. The sandbox records exactly the message the model asked
 * for, the model gets the node's output item as the tool's result, and a value the node refuses
 * comes back to the model as an error item (the tool's On Error is "Continue") with nothing sent.
 */
import { toolResultsThisTurn } from '../../dev/modelServer/server';
import type { Conversation } from '../../dev/modelServer/server';
import { BOTH_N8N_LINES } from '../../dev/n8n/n8nInstall';
import { waitFor } from '../support/http';
import { openAiCredential } from './harness/agentWorkflows';
import { agentWithToolsWorkflow, sendTextTool, toolName } from './harness/agentToolWorkflows';
import { BotDeployment, MODEL_KEY, TEST_KEY } from './harness/botDeployment';
import { credentials } from './harness/workflows';

const SEND_TEXT = 'Send WhatsApp text';
const WORKFLOW = 'e2eAgentTools';

type Forwarded = { execution: string; output: string };

/** The model asks for one Send Text call, then answers with the tool's result as it got it. */
function callSendTextOnce(args: Record<string, unknown>) {
	return (conversation: Conversation) => {
		const [result] = toolResultsThisTurn(conversation);
		if (result) return { text: `Tool said: ${result.text}` };
		return { toolCall: { name: toolName(SEND_TEXT), arguments: args } };
	};
}

describe.each(BOTH_N8N_LINES)('%s: the node as an AI agent tool', (_label, spec) => {
	const at = new BotDeployment();

	beforeAll(async () => {
		await at.start(spec, async (n8n, services) => {
			await n8n.importCredentials([
				...credentials(services.sandboxUrl, TEST_KEY, 'e2e-unused-webhook-token'),
				openAiCredential(services.modelUrl, MODEL_KEY),
			]);
			await n8n.importWorkflows([
				agentWithToolsWorkflow({
					id: WORKFLOW,
					path: 'agent-tools',
					recorderUrl: services.recorderUrl,
					tools: [sendTextTool(SEND_TEXT)],
				}),
			]);
		});
	});

	afterAll(async () => await at.stop());

	beforeEach(() => at.reset());

	async function askAgent(text: string): Promise<Forwarded> {
		const response = await fetch(`${at.n8n.url}/webhook/agent-tools`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ text }),
		});
		expect(response.status).toBe(200);
		await waitFor(() => at.recorder.received.length > 0, 60_000, "the agent's answer");
		return at.recorded<Forwarded>()[0];
	}

	test('the model sees the tool under its node name with the $fromAI() fields', async () => {
		at.model.script = () => ({ text: 'No tool needed.' });
		await askAgent('Hello');
		const [tool] = at.model.completions[0].conversation!.tools;
		expect(tool.name).toBe('Send_WhatsApp_text');
		expect(tool.description).toBe('Send a WhatsApp text message to a contact');
		expect(tool.parameters).toMatchObject({
			type: 'object',
			properties: {
				phoneNumber: { type: 'string', description: expect.stringContaining('E.164') },
				text: { type: 'string', description: 'The message to send' },
			},
			required: ['phoneNumber', 'text'],
		});
		expect(at.sandbox.messages).toEqual([]);
	});

	test('a tool call sends exactly the message the model asked for, and the model gets its key', async () => {
		const text = 'Your table for two is booked for 19:30 🍝';
		at.model.script = callSendTextOnce({ phoneNumber: '+15550004444', text });
		const answer = await askAgent('Tell +15550004444 the booking is confirmed');

		expect(at.sandbox.messages).toHaveLength(1);
		const [sent] = at.sandbox.messages;
		expect(sent.phoneNumber).toBe('+15550004444');
		expect(sent.message).toEqual({ type: 'text', text: { body: text } });
		// The tool's result is the node's output item, as the model received it.
		const result = [{ phoneNumber: '+15550004444', key: sent.key, status: 'accepted' }];
		expect(answer.output).toBe(`Tool said: ${JSON.stringify(result)}`);
		const [, second] = at.model.completions.map((request) => request.conversation!);
		expect(toolResultsThisTurn(second).map((m) => JSON.parse(m.text))).toEqual([result]);
	});

	test('a number the node refuses comes back to the model as the error, and nothing is sent', async () => {
		at.model.script = callSendTextOnce({ phoneNumber: 'call me maybe', text: 'Hi' });
		const answer = await askAgent('Write to my friend');
		expect(at.sandbox.messages).toEqual([]);
		expect(at.sandbox.requests).toEqual([]);
		const [, second] = at.model.completions.map((request) => request.conversation!);
		const [result] = toolResultsThisTurn(second);
		expect(JSON.parse(result.text)).toEqual([
			{
				status: 'invalid',
				error: expect.stringContaining('Phone Number: "call me maybe" is not a valid'),
			},
		]);
		expect(answer.output).toContain('Phone Number');
	});
});
