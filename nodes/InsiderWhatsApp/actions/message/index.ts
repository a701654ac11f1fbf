import type { INodeProperties } from 'n8n-workflow';

import { sendQuickReplyProperties } from './sendQuickReply.description';

export { sendQuickReply } from './sendQuickReply.operation';

/** The Message resource: each operation adds one option here and its own properties file. */
export const messageProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send Quick Reply',
				value: 'sendQuickReply',
				action: 'Send a quick reply message',
				description:
					'Send a WhatsApp message with up to three reply buttons to a contact who wrote in the last 24 hours',
			},
		],
		default: 'sendQuickReply',
	},
	...sendQuickReplyProperties,
];
