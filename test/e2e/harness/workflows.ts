/**
 * The workflows and credentials the end-to-end scenarios import into n8n. Node types and
 * parameters are exactly what the n8n editor would save.
 */
import {
	INSIDER_CREDENTIAL,
	PKG,
	WEBHOOK_CREDENTIAL,
	workflow,
} from '../../../dev/n8n/workflowJson';

// The scenarios find all workflow JSON here, the shared basics included.
export {
	credentials,
	INSIDER_CREDENTIAL,
	PKG,
	WEBHOOK_CREDENTIAL,
	webhookCredential,
	workflow,
} from '../../../dev/n8n/workflowJson';

/** Webhook (POST {contacts:[…]}) -> Split Out -> Insider WhatsApp -> answer with every item. */
export function sendWorkflow(options: {
	id: string;
	path: string;
	callbackUrl?: string;
	continueOnFail?: boolean;
	buttonTitle?: string;
	/** `onReceived` answers the webhook at once and lets the campaign run on. */
	responseMode?: 'lastNode' | 'onReceived';
	sendOptions?: Record<string, unknown>;
}) {
	return workflow(
		options.id,
		`E2E send ${options.path}`,
		[
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: `${options.id}-hook`,
				parameters: {
					httpMethod: 'POST',
					path: options.path,
					responseMode: options.responseMode ?? 'lastNode',
					...(options.responseMode === 'onReceived' ? {} : { responseData: 'allEntries' }),
					options: {},
				},
			},
			{
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'body.contacts', options: {} },
			},
			{
				name: 'Insider WhatsApp',
				type: `${PKG}.insiderWhatsApp`,
				typeVersion: 1,
				credentials: { insiderWhatsAppApi: INSIDER_CREDENTIAL },
				...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
				parameters: {
					resource: 'message',
					operation: 'sendQuickReply',
					phoneNumber: '={{ $json.phone }}',
					headerType: 'text',
					headerText: 'Your order has shipped',
					bodyText: '=Hi {{ $json.name }}, would you like delivery updates on WhatsApp?',
					footerText: 'Reply STOP to opt out',
					buttons: {
						button: [
							{ id: 'updates_yes', title: options.buttonTitle ?? 'Yes please' },
							{ id: 'updates_no', title: 'No thanks' },
						],
					},
					options: {
						...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}),
						...options.sendOptions,
					},
				},
			},
		],
		['Webhook', 'Split Out', 'Insider WhatsApp'],
	);
}

/** Insider WhatsApp Trigger -> HTTP Request that forwards each item to a test recorder. */
export function forwardingTriggerWorkflow(options: {
	id: string;
	webhookId: string;
	authentication: 'bearerToken' | 'urlToken' | 'none';
	recorderUrl: string;
	label: string;
}) {
	return workflow(
		options.id,
		`E2E trigger ${options.label}`,
		[
			{
				name: 'Insider WhatsApp Trigger',
				type: `${PKG}.insiderWhatsAppTrigger`,
				typeVersion: 1,
				webhookId: options.webhookId,
				credentials:
					options.authentication === 'none'
						? undefined
						: { insiderWhatsAppWebhookApi: WEBHOOK_CREDENTIAL },
				parameters: { authentication: options.authentication, options: {} },
			},
			{
				name: 'Forward',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'POST',
					url: options.recorderUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify({ source: ${JSON.stringify(options.label)}, item: $json }) }}`,
					options: {},
				},
			},
		],
		['Insider WhatsApp Trigger', 'Forward'],
	);
}
