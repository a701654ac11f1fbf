/**
 * The bench's workflows, as the n8n editor would save them: Webhook (the contact list as JSON)
 * -> Split Out -> the variant, and the two callback receivers.
 */
export const PKG = 'n8n-nodes-insider-whatsapp';
export const CREDENTIAL = { id: 'benchInsider', name: 'Insider sandbox (bench)' };

function webhookNode(path: string, responseMode = 'lastNode') {
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: `bench-${path}`,
		parameters: { httpMethod: 'POST', path, responseMode, responseData: 'noData', options: {} },
	};
}
const splitOut = {
	name: 'Split Out',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'body.contacts', options: {} },
};

function chainWorkflow(id: string, nodes: Array<Record<string, unknown> & { name: string }>) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name: id,
		active: false,
		settings: {
			executionOrder: 'v1',
			saveDataSuccessExecution: 'none',
			saveExecutionProgress: false,
		},
		connections,
		nodes: nodes.map((node, i) => ({ id: `${id}-${i}`, position: [i * 220, 0], ...node })),
	};
}

const httpRequest = (body: string, batching: boolean) => ({
	name: 'HTTP Request',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	credentials: { insiderWhatsAppApi: CREDENTIAL },
	parameters: {
		method: 'POST',
		url: 'SANDBOX_URL/v1/conversational/send',
		authentication: 'predefinedCredentialType',
		nodeCredentialType: 'insiderWhatsAppApi',
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'User-Agent', value: 'n8n-bench' }] },
		sendBody: true,
		specifyBody: 'json',
		jsonBody: body,
		options: batching ? { batching: { batch: { batchSize: 10, batchInterval: 1000 } } } : {},
	},
});

export function workflows(sandboxUrl: string) {
	const ours = (id: string, requestsPerSecond: number, continueOnFail = false) =>
		chainWorkflow(id, [
			webhookNode(id),
			splitOut,
			{
				name: 'Insider WhatsApp',
				type: `${PKG}.insiderWhatsApp`,
				typeVersion: 1,
				credentials: { insiderWhatsAppApi: CREDENTIAL },
				...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
				parameters: {
					resource: 'message',
					operation: 'sendQuickReply',
					phoneNumber: '={{ $json.phone }}',
					headerType: 'none',
					bodyText: '=Hi {{ $json.name }}, would you like delivery updates on WhatsApp?',
					buttons: {
						button: [
							{ id: 'updates_yes', title: 'Yes please' },
							{ id: 'updates_no', title: 'No thanks' },
						],
					},
					options: requestsPerSecond === 10 ? {} : { requestsPerSecond },
				},
			},
		]);
	// One message per request, the way a user would write it in the HTTP Request node.
	const perMessageBody =
		"={{ JSON.stringify({ messages: [{ phoneNumber: $json.phone, message: { type: 'interactive', interactive: { type: 'button', body: { text: 'Hi ' + $json.name + ', would you like delivery updates on WhatsApp?' }, action: { buttons: [{ type: 'reply', reply: { id: 'updates_yes', title: 'Yes please' } }, { type: 'reply', reply: { id: 'updates_no', title: 'No thanks' } }] } } } }] }) }}";
	const chunkCode = `// Build Insider requests of 50 messages each.\nconst items = $input.all();\nconst out = [];\nfor (let i = 0; i < items.length; i += 50) {\n  out.push({ json: { messages: items.slice(i, i + 50).map(({ json }) => ({ phoneNumber: json.phone, message: { type: 'interactive', interactive: { type: 'button', body: { text: 'Hi ' + json.name + ', would you like delivery updates on WhatsApp?' }, action: { buttons: [{ type: 'reply', reply: { id: 'updates_yes', title: 'Yes please' } }, { type: 'reply', reply: { id: 'updates_no', title: 'No thanks' } }] } } } })) } });\n}\nreturn out;`;
	const list = [
		ours('ours', 10),
		ours('oursContinueOnFail', 10, true),
		ours('scale', 100),
		ours('scaleContinueOnFail', 100, true),
		chainWorkflow('httpPerMessage', [
			webhookNode('httpPerMessage'),
			splitOut,
			httpRequest(perMessageBody, true),
		]),
		chainWorkflow('codeBatches', [
			webhookNode('codeBatches'),
			splitOut,
			{
				name: 'Build requests',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: chunkCode },
			},
			httpRequest('={{ JSON.stringify($json) }}', true),
		]),
		{
			...chainWorkflow('triggerOurs', [
				{
					name: 'Insider WhatsApp Trigger',
					type: `${PKG}.insiderWhatsAppTrigger`,
					typeVersion: 1,
					webhookId: 'bench-trigger',
					parameters: { authentication: 'none', options: {} },
				},
				{ name: 'No Op', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
			]),
		},
		chainWorkflow('triggerWebhook', [
			{ ...webhookNode('plain-webhook', 'onReceived') },
			{ name: 'No Op', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
		]),
	];
	return JSON.parse(JSON.stringify(list).split('SANDBOX_URL').join(sandboxUrl));
}
