import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { INSIDER_DEFAULT_BASE_URL } from '../nodes/InsiderWhatsApp/constants';

export class InsiderWhatsAppApi implements ICredentialType {
	name = 'insiderWhatsAppApi';

	displayName = 'Insider WhatsApp API';

	icon: Icon = {
		light: 'file:../icons/insiderWhatsApp.svg',
		dark: 'file:../icons/insiderWhatsApp.dark.svg',
	};

	documentationUrl = 'https://academy.insiderone.com/docs/api-authentication-tokens';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'INS.xxxxxxxx',
			description:
				'The WhatsApp API key from InOne (Settings > Integration Settings > API Keys). It is sent in the X-INS-AUTH-KEY header.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: INSIDER_DEFAULT_BASE_URL,
			description:
				'Change only to send through a proxy or to the local Insider sandbox (for example http://127.0.0.1:8787). A trailing slash is fine.',
		},
		{
			displayName: 'Phone Number ID',
			name: 'phoneNumberId',
			type: 'string',
			default: '',
			placeholder: '106540352242922',
			description:
				"Optional: Meta's ID of your WhatsApp business number, for Mark as Read when the item does not carry one (the Insider WhatsApp Trigger's items do, as phoneNumberId)",
		},
		{
			// n8n's declarative credential test judges only Insider's answer, not the URL, so the
			// warning about plain http lives here, beside the field.
			displayName:
				'This Base URL is plain http: the API key would travel unencrypted. Use https, unless it points at this machine (such as the local sandbox).',
			name: 'plainHttpNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: { baseUrl: [{ _cnd: { startsWith: 'http://' } }] },
				hide: {
					baseUrl: [
						{ _cnd: { startsWith: 'http://127.' } },
						{ _cnd: { startsWith: 'http://localhost' } },
						{ _cnd: { startsWith: 'http://[::1]' } },
					],
				},
			},
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-INS-AUTH-KEY': '={{$credentials.apiKey}}',
			},
		},
	};

	// Insider has no "who am I" endpoint. An empty `messages` array passes authentication and
	// the IP allow-list, then fails validation (400, code 2002) without sending anything, so the
	// body of the answer tells the three cases apart.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/conversational/send',
			method: 'POST',
			body: { messages: [] },
			headers: { 'User-Agent': 'n8n-nodes-insider-whatsapp (credential test)' },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'unauthorized',
					message:
						'Insider rejected the API key (401 unauthorized). Copy the WhatsApp API key from InOne again and check it has not been revoked.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 1088,
					message:
						"Insider blocked this server's IP address (403, code 1088). Add the n8n server's public IP to the API key's allow-list in InOne.",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 2020,
					message: 'Insider is in maintenance mode (code 2020). Try again in a few minutes.',
				},
			},
		],
	};
}
