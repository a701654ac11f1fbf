import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret Insider presents when it calls the Insider WhatsApp Trigger: as a bearer
 * token on the conversational webhook, or as a `token` query parameter on status callback URLs.
 * It is checked by the trigger node's `webhookTokenTest`, since there is no remote API to ask.
 */
export class InsiderWhatsAppWebhookApi implements ICredentialType {
	name = 'insiderWhatsAppWebhookApi';

	displayName = 'Insider WhatsApp Webhook API';

	icon: Icon = {
		light: 'file:../icons/insiderWhatsApp.svg',
		dark: 'file:../icons/insiderWhatsApp.dark.svg',
	};

	documentationUrl =
		'https://github.com/insider-whatsapp/n8n-nodes-insider-whatsapp#insider-whatsapp-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A long random secret, at least 16 characters. Enter the same value as the bearer token of the conversational webhook in InOne, or as ?token=… on status callback URLs.',
		},
	];
}
