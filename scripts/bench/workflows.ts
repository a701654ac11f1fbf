/**
 * The bench's workflows, as the n8n editor would save them: Webhook (the contact list as JSON)
 * -> Split Out -> the variant, the two callback receivers, and the media fan-out (Webhook with
 * the file -> Code giving every contact that file -> Send Media from binary data).
 */
import { MEDIA_DOWNLOAD_PATH, MEDIA_FAN_OUT_PATH } from './media';

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

/** The Insider WhatsApp node with the bench's credential. */
const insiderNode = (parameters: Record<string, unknown>, continueOnFail = false) => ({
	name: 'Insider WhatsApp',
	type: `${PKG}.insiderWhatsApp`,
	typeVersion: 1,
	credentials: { insiderWhatsAppApi: CREDENTIAL },
	...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	parameters,
});

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
			insiderNode(
				{
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
				continueOnFail,
			),
		]);
	// One message per request, the way a user would write it in the HTTP Request node.
	const perMessageBody =
		"={{ JSON.stringify({ messages: [{ phoneNumber: $json.phone, message: { type: 'interactive', interactive: { type: 'button', body: { text: 'Hi ' + $json.name + ', would you like delivery updates on WhatsApp?' }, action: { buttons: [{ type: 'reply', reply: { id: 'updates_yes', title: 'Yes please' } }, { type: 'reply', reply: { id: 'updates_no', title: 'No thanks' } }] } } } }] }) }}";
	const chunkCode = `// Build Insider requests of 50 messages each.\nconst items = $input.all();\nconst out = [];\nfor (let i = 0; i < items.length; i += 50) {\n  out.push({ json: { messages: items.slice(i, i + 50).map(({ json }) => ({ phoneNumber: json.phone, message: { type: 'interactive', interactive: { type: 'button', body: { text: 'Hi ' + json.name + ', would you like delivery updates on WhatsApp?' }, action: { buttons: [{ type: 'reply', reply: { id: 'updates_yes', title: 'Yes please' } }, { type: 'reply', reply: { id: 'updates_no', title: 'No thanks' } }] } } } })) } });\n}\nreturn out;`;
	// Every contact gets the Webhook's one file (the same binary data, as n8n's nodes pass it on).
	const contactsWithFile = `const [request] = $input.all();\nconst count = Number(request.json.query.count);\nreturn Array.from({ length: count }, (_, i) => ({ json: { phone: '+1555' + String(1000000 + i) }, binary: request.binary }));`;
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
		chainWorkflow(MEDIA_FAN_OUT_PATH, [
			webhookNode(MEDIA_FAN_OUT_PATH),
			{
				name: 'Contacts',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: contactsWithFile },
			},
			insiderNode({
				resource: 'message',
				operation: 'sendMedia',
				phoneNumber: '={{ $json.phone }}',
				mediaType: 'document',
				mediaSource: 'binary',
				caption: 'Our spring catalogue',
				options: {},
			}),
		]),
		chainWorkflow(MEDIA_DOWNLOAD_PATH, [
			webhookNode(MEDIA_DOWNLOAD_PATH),
			insiderNode({
				resource: 'media',
				operation: 'download',
				mediaId: '={{ $json.body.mediaId }}',
				options: { maxFileSizeMb: 1024 },
			}),
		]),
		chainWorkflow('triggerWebhook', [
			{ ...webhookNode('plain-webhook', 'onReceived') },
			{ name: 'No Op', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
		]),
	];
	return JSON.parse(JSON.stringify(list).split('SANDBOX_URL').join(sandboxUrl));
}
