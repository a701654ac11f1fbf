import type { INodeProperties } from 'n8n-workflow';

import { buildQuickReplyMessage } from '../../helpers/messages/quickReply';
import type { MessageBuilder } from '../../helpers/messages/messageInput';
import { recipientProperties, sendOptionsProperties } from './common.description';
import { sendQuickReplyProperties } from './sendQuickReply.description';

/** Each send operation is only its message builder; the send pipeline does the rest. */
export const messageBuilders: Record<string, MessageBuilder> = {
	sendQuickReply: buildQuickReplyMessage,
};

/** The Message resource: the operation list, the recipient, each operation's fields, options. */
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
	...recipientProperties,
	...sendQuickReplyProperties,
	...sendOptionsProperties,
];
