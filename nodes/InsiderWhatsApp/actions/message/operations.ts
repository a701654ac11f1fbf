/**
 * Every operation that sends messages through the send pipeline, one row each: its value and
 * label in the panel, its own fields, and the pure builder that turns one item's fields into
 * Insider's message. Adding a message type is one description file, one builder file and one
 * row here; the pipeline, the panel's operation list and the common fields follow from the table.
 */
import type { INodeProperties } from 'n8n-workflow';

import { buildCtaUrlMessage } from '../../helpers/messages/ctaUrl';
import { buildListMessage } from '../../helpers/messages/list';
import { buildLocationMessage } from '../../helpers/messages/location';
import { buildMediaMessage } from '../../helpers/messages/media';
import type { MessageBuilder } from '../../helpers/messages/messageInput';
import type { UploadStep } from '../sendPipeline/uploadStep';
import { buildQuickReplyMessage } from '../../helpers/messages/quickReply';
import { buildTemplateMessage } from '../../helpers/messages/template';
import { buildTextMessage } from '../../helpers/messages/text';
import { sendCtaUrlProperties } from './sendCtaUrl.description';
import { sendListProperties } from './sendList.description';
import { sendLocationProperties } from './sendLocation.description';
import { sendMediaFile } from './sendMediaFile';
import { sendMediaProperties } from './sendMedia.description';
import { sendQuickReplyProperties } from './sendQuickReply.description';
import { sendTemplateProperties } from './sendTemplate.description';
import { sendTextProperties } from './sendText.description';

export interface SendOperation {
	/** The `operation` value in workflow JSON. */
	value: string;
	name: string;
	action: string;
	description: string;
	/** The operation's own fields, shown for it alone. */
	properties: INodeProperties[];
	build: MessageBuilder;
	/** Conversational messages reach the contact only within the 24-hour window. */
	windowOnly: boolean;
	/**
	 * The file an item sends from n8n binary data, uploaded once per distinct file after every
	 * item is checked and before the first message (see sendPipeline/uploadStep).
	 */
	upload?: UploadStep;
}

export const SEND_OPERATIONS: SendOperation[] = [
	{
		value: 'sendQuickReply',
		name: 'Send Quick Reply',
		action: 'Send a quick reply message',
		description:
			'Send a WhatsApp message with up to three reply buttons to a contact who wrote in the last 24 hours',
		// Also Send and Wait's fields: it sends the same message.
		properties: sendQuickReplyProperties,
		build: buildQuickReplyMessage,
		windowOnly: true,
	},
	{
		value: 'sendText',
		name: 'Send Text',
		action: 'Send a text message',
		description: 'Send a plain text message of up to 4096 characters',
		properties: sendTextProperties,
		build: buildTextMessage,
		windowOnly: true,
	},
	{
		value: 'sendMedia',
		name: 'Send Media',
		action: 'Send a media file',
		description:
			'Send an image, video, audio file, document or sticker by link, media ID or from a binary file',
		properties: sendMediaProperties,
		build: buildMediaMessage,
		windowOnly: true,
		upload: sendMediaFile,
	},
	{
		value: 'sendList',
		name: 'Send List',
		action: 'Send a list message',
		description: 'Send a message whose button opens a list of up to ten choices',
		properties: sendListProperties,
		build: buildListMessage,
		windowOnly: true,
	},
	{
		value: 'sendCtaUrl',
		name: 'Send Link Button',
		action: 'Send a message with a link button',
		description: 'Send a message with one button that opens a URL',
		properties: sendCtaUrlProperties,
		build: buildCtaUrlMessage,
		windowOnly: true,
	},
	{
		value: 'sendLocation',
		name: 'Send Location',
		action: 'Send a location',
		description: 'Send a map pin with an optional name and address',
		properties: sendLocationProperties,
		build: buildLocationMessage,
		windowOnly: true,
	},
	{
		value: 'sendTemplate',
		name: 'Send Template',
		action: 'Send a template message',
		description:
			'Send an approved template: the only message that opens a conversation outside the 24-hour window',
		properties: sendTemplateProperties,
		build: buildTemplateMessage,
		windowOnly: false,
	},
];

/** The row of a send operation, by its value. */
export function sendOperation(value: string): SendOperation | undefined {
	return SEND_OPERATIONS.find((operation) => operation.value === value);
}

/** Send Quick Reply and Wait for Tap: sends one quick reply outside the pipeline, then waits. */
export const SEND_AND_WAIT = {
	value: 'sendAndWait',
	name: 'Send Quick Reply and Wait for Tap',
	action: 'Send a quick reply and wait for a tap',
	description:
		'Send a quick reply to one contact and pause the workflow until the contact taps a button',
} as const;
