import type { INodeProperties } from 'n8n-workflow';

import { buildCtaUrlMessage } from '../../helpers/messages/ctaUrl';
import { buildListMessage } from '../../helpers/messages/list';
import { buildLocationMessage } from '../../helpers/messages/location';
import { buildMediaMessage } from '../../helpers/messages/media';
import type { MessageBuilder } from '../../helpers/messages/messageInput';
import { buildQuickReplyMessage } from '../../helpers/messages/quickReply';
import { buildTemplateMessage } from '../../helpers/messages/template';
import { buildTextMessage } from '../../helpers/messages/text';
import { recipientProperties, sendOptionsProperties } from './common.description';
import {
	sendAndWaitNoticeProperties,
	sendAndWaitOptionsProperties,
} from './sendAndWait.description';
import { sendCtaUrlProperties } from './sendCtaUrl.description';
import { sendListProperties } from './sendList.description';
import { sendLocationProperties } from './sendLocation.description';
import { sendMediaProperties } from './sendMedia.description';
import { sendQuickReplyProperties } from './sendQuickReply.description';
import { sendTemplateProperties } from './sendTemplate.description';
import { sendTextProperties } from './sendText.description';

/** Each send operation is only its message builder; the send pipeline does the rest. */
export const messageBuilders: Record<string, MessageBuilder> = {
	sendCtaUrl: buildCtaUrlMessage,
	sendList: buildListMessage,
	sendLocation: buildLocationMessage,
	sendMedia: buildMediaMessage,
	sendQuickReply: buildQuickReplyMessage,
	sendTemplate: buildTemplateMessage,
	sendText: buildTextMessage,
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
				name: 'Send Link Button',
				value: 'sendCtaUrl',
				action: 'Send a message with a link button',
				description: 'Send a message with one button that opens a URL',
			},
			{
				name: 'Send List',
				value: 'sendList',
				action: 'Send a list message',
				description: 'Send a message whose button opens a list of up to ten choices',
			},
			{
				name: 'Send Location',
				value: 'sendLocation',
				action: 'Send a location',
				description: 'Send a map pin with an optional name and address',
			},
			{
				name: 'Send Media',
				value: 'sendMedia',
				action: 'Send a media file',
				description: 'Send an image, video, audio file, document or sticker by link or media ID',
			},
			{
				name: 'Send Quick Reply',
				value: 'sendQuickReply',
				action: 'Send a quick reply message',
				description:
					'Send a WhatsApp message with up to three reply buttons to a contact who wrote in the last 24 hours',
			},
			{
				name: 'Send Quick Reply and Wait for Tap',
				value: 'sendAndWait',
				action: 'Send a quick reply and wait for a tap',
				description:
					'Send a quick reply to one contact and pause the workflow until the contact taps a button',
			},
			{
				name: 'Send Template',
				value: 'sendTemplate',
				action: 'Send a template message',
				description:
					'Send an approved template: the only message that opens a conversation outside the 24-hour window',
			},
			{
				name: 'Send Text',
				value: 'sendText',
				action: 'Send a text message',
				description: 'Send a plain text message of up to 4096 characters',
			},
		],
		default: 'sendQuickReply',
	},
	...recipientProperties,
	...sendAndWaitNoticeProperties,
	...sendQuickReplyProperties,
	...sendTextProperties,
	...sendMediaProperties,
	...sendListProperties,
	...sendCtaUrlProperties,
	...sendLocationProperties,
	...sendTemplateProperties,
	...sendOptionsProperties,
	...sendAndWaitOptionsProperties,
];
