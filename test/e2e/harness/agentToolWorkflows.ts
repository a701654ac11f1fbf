/**
 * The Insider WhatsApp node as an AI Agent's tool, as the n8n editor saves it: a Webhook
 * (`POST {text}`, answered at once) → AI Agent (OpenAI Chat Model on the model server, the
 * node's tool version with its fields from `$fromAI()`) → an HTTP Request that forwards the
 * agent's answer to a recorder. A tool node's type is the node's with `Tool` appended.
 */
import { AI_NODE_TYPES, OPENAI_CREDENTIAL } from './agentWorkflows';
import { INSIDER_CREDENTIAL, PKG, workflow } from './workflows';

export const TOOL_NODE_TYPE = `${PKG}.insiderWhatsAppTool`;

/** The name the model sees for a tool node: n8n's `nodeNameToToolName`. */
export const toolName = (nodeName: string) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');

const fromAi = (key: string, description: string) =>
	`={{ $fromAI(${JSON.stringify(key)}, ${JSON.stringify(description)}, 'string') }}`;

const PHONE = fromAi('phoneNumber', "The contact's WhatsApp number in E.164, e.g. +15550001111");

/**
 * Send Text as a tool: the model picks the recipient and the text. On Error "Continue" hands a
 * refused value back to the model as an error item in both n8n lines (without it, n8n 1.x ends
 * the whole execution with the node's error; n8n 2.x hands the error to the model either way).
 */
export function sendTextTool(name: string) {
	return {
		name,
		type: TOOL_NODE_TYPE,
		typeVersion: 1,
		onError: 'continueRegularOutput',
		credentials: { insiderWhatsAppApi: INSIDER_CREDENTIAL },
		parameters: {
			descriptionType: 'manual',
			toolDescription: 'Send a WhatsApp text message to a contact',
			resource: 'message',
			operation: 'sendText',
			phoneNumber: PHONE,
			text: fromAi('text', 'The message to send'),
			options: {},
		},
	};
}

const aiLink = (type: string) => ({ [type]: [[{ node: 'AI Agent', type, index: 0 }]] });

/** Webhook → AI Agent (with `tools`) → Forward answer (POSTs `{execution, output}` to the recorder). */
export function agentWithToolsWorkflow(options: {
	id: string;
	path: string;
	recorderUrl: string;
	tools: Array<{ name: string }>;
}) {
	const built = workflow(
		options.id,
		`E2E agent tools ${options.path}`,
		[
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				webhookId: `${options.id}-hook`,
				parameters: {
					httpMethod: 'POST',
					path: options.path,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				name: 'AI Agent',
				...AI_NODE_TYPES.agent,
				parameters: { promptType: 'define', text: '={{ $json.body.text }}', options: {} },
			},
			{
				name: 'Forward answer',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'POST',
					url: options.recorderUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify({ execution: $execution.id, output: $json.output }) }}',
					options: {},
				},
			},
			{
				name: 'OpenAI Chat Model',
				...AI_NODE_TYPES.model,
				credentials: { openAiApi: OPENAI_CREDENTIAL },
				parameters: {
					model: { __rl: true, mode: 'id', value: 'gpt-test' },
					responsesApiEnabled: true,
					options: {},
				},
			},
			...options.tools,
		],
		['Webhook', 'AI Agent', 'Forward answer'],
	);
	const connections: Record<string, unknown> = {
		...built.connections,
		'OpenAI Chat Model': aiLink('ai_languageModel'),
	};
	for (const tool of options.tools) connections[tool.name] = aiLink('ai_tool');
	return { ...built, connections };
}
