/**
 * n8n's own AI nodes, as the editor saves them, pointed at the scripted model server: a Webhook
 * → AI Agent (OpenAI Chat Model, Simple Memory keyed by the request's `session`, the Calculator
 * tool) → Respond to Webhook. The same node versions load in n8n 2.41.1 and 1.123.81.
 */
import { workflow } from './workflows';

export const OPENAI_CREDENTIAL = { id: 'e2eModelServer', name: 'Model server (OpenAI API)' };

/** n8n's OpenAI credential with the model server as its Base URL (`url` ends in /v1). */
export function openAiCredential(baseUrl: string, apiKey: string) {
	return { ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey, url: baseUrl, header: false } };
}

export type ModelApiChoice = 'responses' | 'chat.completions';

export const AI_NODE_TYPES = {
	agent: { type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3 },
	model: { type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', typeVersion: 1.3 },
	memory: { type: '@n8n/n8n-nodes-langchain.memoryBufferWindow', typeVersion: 1.3 },
	calculator: { type: '@n8n/n8n-nodes-langchain.toolCalculator', typeVersion: 1 },
};

const aiLink = (type: string, node: string) => ({ [type]: [[{ node, type, index: 0 }]] });

/**
 * `POST /webhook/{path}` with `{text, session}` (JSON, or multipart with a file, which becomes
 * the item's binary): the agent answers `text`; its memory is the session's. Streaming makes the
 * Webhook stream the agent's answer (no Respond to Webhook node then).
 */
export function agentWorkflow(options: {
	id: string;
	path: string;
	api: ModelApiChoice;
	streaming?: boolean;
}) {
	const respond = !options.streaming;
	const nodes = [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			webhookId: `${options.id}-hook`,
			parameters: {
				httpMethod: 'POST',
				path: options.path,
				responseMode: respond ? 'responseNode' : 'streaming',
				options: {},
			},
		},
		{
			name: 'AI Agent',
			...AI_NODE_TYPES.agent,
			parameters: { promptType: 'define', text: '={{ $json.body.text }}', options: {} },
		},
		...(respond
			? [
					{
						name: 'Respond to Webhook',
						type: 'n8n-nodes-base.respondToWebhook',
						typeVersion: 1.1,
						parameters: { respondWith: 'firstIncomingItem', options: {} },
					},
				]
			: []),
		{
			name: 'OpenAI Chat Model',
			...AI_NODE_TYPES.model,
			credentials: { openAiApi: OPENAI_CREDENTIAL },
			parameters: {
				model: { __rl: true, mode: 'id', value: 'gpt-test' },
				responsesApiEnabled: options.api === 'responses',
				options: {},
			},
		},
		{
			name: 'Simple Memory',
			...AI_NODE_TYPES.memory,
			parameters: {
				sessionIdType: 'customKey',
				sessionKey: "={{ $('Webhook').item.json.body.session }}",
				contextWindowLength: 10,
			},
		},
		{ name: 'Calculator', ...AI_NODE_TYPES.calculator, parameters: {} },
	];
	const built = workflow(
		options.id,
		`E2E agent ${options.path}`,
		nodes,
		respond ? ['Webhook', 'AI Agent', 'Respond to Webhook'] : ['Webhook', 'AI Agent'],
	);
	return {
		...built,
		connections: {
			...built.connections,
			'OpenAI Chat Model': aiLink('ai_languageModel', 'AI Agent'),
			'Simple Memory': aiLink('ai_memory', 'AI Agent'),
			Calculator: aiLink('ai_tool', 'AI Agent'),
		},
	};
}
