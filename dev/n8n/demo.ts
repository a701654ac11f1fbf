/**
 * The demo environment `npm start` gives a newcomer, also used by the browser test: the
 * example workflows and two credentials imported into an n8n, trigger workflows active.
 */
import { EXAMPLE_TOKEN, exampleWorkflows } from './examples';
import type { N8nInstance } from './n8nInstance';

export const DEMO_OWNER = {
	email: 'demo@example.com',
	password: 'InsiderDemo1',
	firstName: 'Demo',
	lastName: 'User',
};

export async function importDemo(
	n8n: N8nInstance,
	insider: { apiKey: string; baseUrl: string },
	n8nUrl: string,
) {
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
	]);
	const examples = exampleWorkflows(n8nUrl);
	await n8n.importWorkflows(
		examples.filter((example) => example.hasTrigger).map((example) => example.workflow),
	);
	await n8n.importWorkflows(
		examples.filter((example) => !example.hasTrigger).map((example) => example.workflow),
		false,
	);
	return examples;
}

/** Where the sandbox sends button taps and replies in the demo. */
export const demoRepliesWebhook = (n8nUrl: string) => ({
	url: `${n8nUrl}/webhook/insider-replies/webhook`,
	token: EXAMPLE_TOKEN,
});
