import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { messageProperties } from './actions/message';
import { route } from './actions/router';

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
		subtitle:
			'={{$parameter["operation"] === "sendQuickReply" ? "Send Quick Reply" : $parameter["operation"]}}',
		description:
			'Send conversational WhatsApp messages with quick-reply buttons through Insider (Insider One)',
		defaults: { name: 'Insider WhatsApp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'insiderWhatsAppApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Message', value: 'message' }],
				default: 'message',
			},
			...messageProperties,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
