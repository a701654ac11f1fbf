import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	UsableAsToolDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { eventProperties } from './actions/event';
import { mediaProperties } from './actions/media';
import { messageProperties } from './actions/message';
import { SEND_AND_WAIT } from './actions/message/operations';
import { route } from './actions/router';
import { SEND_AND_WAIT_WEBHOOKS, sendAndWaitWebhook } from './actions/sendAndWait/webhook';

const properties: INodeProperties[] = [
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
];

/**
 * The tool version n8n builds for AI agents offers every operation but Send and Wait: a tap
 * cannot resume an agent's tool call (README, "Send and Wait as a tool"). n8n spreads these
 * replacements over the description it shows in the editor; a saved tool still runs the full
 * node, where Send and Wait refuses (sendAndWait/agentUse.ts).
 */
const toolReplacements = {
	properties: properties.map((property) =>
		property.name === 'operation'
			? {
					...property,
					options: property.options?.filter(
						(option) => !('value' in option) || option.value !== SEND_AND_WAIT.value,
					),
				}
			: property,
	),
} as UsableAsToolDescription['replacements'];

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
		usableAsTool: { replacements: toolReplacements },
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
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}
}
