import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperties } from './common.description';

/** Mark as Read: the operation's entry in the Message resource's list, and its fields. */
export const MARK_AS_READ = {
	value: 'markAsRead',
	name: 'Mark as Read',
	action: 'Mark a message as read',
	description:
		"Mark the contact's message as read (blue ticks) and show a typing indicator until your reply",
} as const;

const show = { resource: ['message'], operation: [MARK_AS_READ.value] };

export const markAsReadProperties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '={{ $json.messageId }}',
		placeholder: 'wamid.HBgLMTU1NTAwMDExMTEVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
		description:
			"The WhatsApp message ID (wamid) of the contact's message: the Insider WhatsApp Trigger's messageId",
		displayOptions: { show },
	},
	{
		displayName: 'Phone Number ID',
		name: 'phoneNumberId',
		type: 'string',
		default: '={{ $json.phoneNumberId }}',
		placeholder: '106540352242922',
		description:
			"Meta's ID of the business number the message came to: the trigger's phoneNumberId. Empty: the Phone Number ID of the credential.",
		displayOptions: { show },
	},
	{
		displayName: 'Show Typing Indicator',
		name: 'showTypingIndicator',
		type: 'boolean',
		default: true,
		description:
			'Whether the contact sees "typing…" until your next message to them or for about 25 seconds, whichever comes first',
		displayOptions: { show },
	},
	requestOptionsProperties('message', [MARK_AS_READ.value]),
];
