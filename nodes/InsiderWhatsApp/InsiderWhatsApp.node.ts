import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { eventProperties } from './actions/event';
import { mediaProperties } from './actions/media';
import { messageProperties } from './actions/message';
import { route } from './actions/router';
import { SEND_AND_WAIT_WEBHOOKS, sendAndWaitWebhook } from './actions/sendAndWait/webhook';

export class InsiderWhatsApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Insider WhatsApp',
		name: 'insiderWhatsApp',
		icon: {
			light: 'file:../../icons/insiderWhatsApp.svg',
			dark: 'file:../../icons/insiderWhatsApp.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send WhatsApp messages through Insider (Insider One): quick replies, text, media, lists, link buttons, locations and templates; mark messages read; upload and download media',
		defaults: { name: 'Insider WhatsApp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Reading callback events calls nothing at Insider, so it needs no API key.
		credentials: [
			{
				name: 'insiderWhatsAppApi',
				required: true,
				displayOptions: { show: { resource: ['message', 'media'] } },
			},
		],
		// Send Quick Reply and Wait for Tap is resumed through n8n's waiting webhook.
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip:
			'Waiting for the contact to tap a button; the Insider WhatsApp Trigger resumes this execution',
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Event', value: 'event' },
					{ name: 'Media', value: 'media' },
					{ name: 'Message', value: 'message' },
				],
				default: 'message',
			},
			...messageProperties,
			...mediaProperties,
			...eventProperties,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}
}
