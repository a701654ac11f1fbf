/**
 * The demo environment `npm start` gives a newcomer, also used by the end-to-end tests: the
 * example workflows and their credentials imported into an n8n, trigger workflows active (the
 * AI assistant only when there is a model key for it).
 */
import { EXAMPLE_TOKEN, exampleWorkflows } from './examples';
import type { N8nInstance } from './n8nInstance';

export const DEMO_OWNER = {
	email: 'demo@example.com',
	password: 'InsiderDemo1',
	firstName: 'Demo',
	lastName: 'User',
};

/** The OpenAI credential the AI assistant example names. */
export const DEMO_OPENAI_CREDENTIAL = { id: 'openAiAssistant', name: 'OpenAI (assistant)' };

/**
 * The examples whose trigger can be Insider's conversational webhook, by webhook id. Insider has
 * one such webhook per account (set in InOne), so one of them gets the contact's messages; each
 * one's trigger also resumes Send and Wait executions.
 */
export const CONVERSATIONAL_WEBHOOKS = {
	menuBot: 'insider-menu-bot',
	assistant: 'insider-assistant',
	replies: 'insider-replies',
} as const;

export type ConversationalWorkflow = keyof typeof CONVERSATIONAL_WEBHOOKS;

export interface ModelProvider {
	apiKey: string;
	/** OpenAI's own API when absent. */
	baseUrl?: string;
}

export async function importDemo(
	n8n: N8nInstance,
	insider: { apiKey: string; baseUrl: string },
	n8nUrl: string,
	options: { model?: ModelProvider } = {},
) {
	const { model } = options;
	await n8n.importCredentials([
		{
			id: 'insiderSandbox',
			name: 'Insider WhatsApp (sandbox)',
			type: 'insiderWhatsAppApi',
			data: insider,
		},
		{
			id: 'insiderWebhookToken',
			name: 'Insider webhook token',
			type: 'insiderWhatsAppWebhookApi',
			data: { token: EXAMPLE_TOKEN },
		},
		...(model
			? [
					{
						...DEMO_OPENAI_CREDENTIAL,
						type: 'openAiApi',
						data: { apiKey: model.apiKey, ...(model.baseUrl ? { url: model.baseUrl } : {}) },
					},
				]
			: []),
	]);
	const examples = exampleWorkflows(n8nUrl);
	const listens = (example: (typeof examples)[number]) =>
		example.hasTrigger && (!example.needsModel || model !== undefined);
	// Active ones first: on n8n 1.x activating means activating every imported workflow.
	await n8n.importWorkflows(examples.filter(listens).map((example) => example.workflow));
	await n8n.importWorkflows(
		examples.filter((example) => !listens(example)).map((example) => example.workflow),
		false,
	);
	return examples;
}

/** Points the sandbox's conversational webhook at one of the examples' triggers. */
export const demoWebhook = (n8nUrl: string, workflow: ConversationalWorkflow) => ({
	url: `${n8nUrl}/webhook/${CONVERSATIONAL_WEBHOOKS[workflow]}/webhook`,
	token: EXAMPLE_TOKEN,
});

/** Where the sandbox sends button taps and replies in the tests of the Insider replies example. */
export const demoRepliesWebhook = (n8nUrl: string) => demoWebhook(n8nUrl, 'replies');
