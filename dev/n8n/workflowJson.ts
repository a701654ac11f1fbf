/**
 * Workflow and credential JSON as n8n's CLI imports it, for tests and development tooling:
 * node types and parameters are exactly what the n8n editor would save.
 */
export const PKG = 'n8n-nodes-insider-whatsapp';
export const INSIDER_CREDENTIAL = { id: 'e2eInsiderSandbox', name: 'Insider sandbox' };
export const WEBHOOK_CREDENTIAL = { id: 'e2eInsiderWebhook', name: 'Insider webhook token' };

/** The Insider WhatsApp Webhook API credential: the token Insider's calls must carry. */
export const webhookCredential = (token: string) => ({
	...WEBHOOK_CREDENTIAL,
	type: 'insiderWhatsAppWebhookApi',
	data: { token },
});

/** Both credentials: the API key for sending, the token for receiving. */
export function credentials(sandboxUrl: string, apiKey: string, webhookToken: string) {
	return [
		{ ...INSIDER_CREDENTIAL, type: 'insiderWhatsAppApi', data: { apiKey, baseUrl: sandboxUrl } },
		webhookCredential(webhookToken),
	];
}

type NodeJson = Record<string, unknown> & { name: string };

/**
 * A workflow of `nodes`, connected either in a line (`chain`: node names, each to the next) or by
 * n8n's own `connections` object where a workflow branches.
 */
export function workflow(
	id: string,
	name: string,
	nodes: NodeJson[],
	chainOrConnections: string[] | Record<string, unknown>,
) {
	const chain = Array.isArray(chainOrConnections) ? chainOrConnections : [];
	const connections: Record<string, unknown> = Array.isArray(chainOrConnections)
		? {}
		: chainOrConnections;
	for (let i = 0; i < chain.length - 1; i++) {
		connections[chain[i]] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] };
	}
	return {
		id,
		name,
		nodes: nodes.map((node, index) => ({
			id: `${id}-n${index}`,
			position: [index * 240, 0],
			...node,
		})),
		connections,
		active: false,
		settings: {
			executionOrder: 'v1',
			saveDataSuccessExecution: 'all',
			saveDataErrorExecution: 'all',
		},
		pinData: {},
	};
}
