import type { INodeProperties } from 'n8n-workflow';

import { WAIT_REFERENCE_LIMITS } from '../../../shared/waitReferenceCodec';
import { QUICK_REPLY_LIMITS as LIMITS } from '../../constants';

// Send Quick Reply and Wait for Tap sends the same message, so it shows the same fields.
const showFor = { resource: ['message'], operation: ['sendQuickReply', 'sendAndWait'] };
const mediaHeaderTypes = ['image', 'video', 'document'];

/**
 * Fields of Message > Send Quick Reply and of Send Quick Reply and Wait for Tap (the recipient
 * is common to every send; each has its own options).
 */
export const sendQuickReplyProperties: INodeProperties[] = [
	{
		displayName: 'Header Type',
		name: 'headerType',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'None', value: 'none', description: 'No header above the body' },
			{
				name: 'Text',
				value: 'text',
				description: `A bold line of up to ${LIMITS.headerText} characters`,
			},
			{ name: 'Image', value: 'image', description: 'A JPEG or PNG image, up to 5 MB' },
			{ name: 'Video', value: 'video', description: 'An MP4 or 3GP video, up to 16 MB' },
			{
				name: 'Document',
				value: 'document',
				description: 'A PDF, text or Office file, up to 100 MB',
			},
		],
		description: 'What appears above the message body',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Your order has shipped',
		description: `Up to ${LIMITS.headerText} characters. Emoji are allowed, markdown is not.`,
		displayOptions: { show: { ...showFor, headerType: ['text'] } },
	},
	{
		displayName: 'Header Media Source',
		name: 'headerMediaSource',
		type: 'options',
		default: 'link',
		options: [
			{
				name: 'Link',
				value: 'link',
				description: 'A public https URL WhatsApp downloads the file from',
			},
			{
				name: 'Media ID',
				value: 'id',
				description: 'The ID of media already uploaded to WhatsApp',
			},
		],
		displayOptions: { show: { ...showFor, headerType: mediaHeaderTypes } },
	},
	{
		displayName: 'Header Media Link',
		name: 'headerMediaLink',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/image.png',
		description: 'Public https URL of the image, video or document',
		displayOptions: {
			show: { ...showFor, headerType: mediaHeaderTypes, headerMediaSource: ['link'] },
		},
	},
	{
		displayName: 'Header Media ID',
		name: 'headerMediaId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of media uploaded to WhatsApp beforehand',
		displayOptions: {
			show: { ...showFor, headerType: mediaHeaderTypes, headerMediaSource: ['id'] },
		},
	},
	{
		displayName: 'Header Filename',
		name: 'headerFilename',
		type: 'string',
		default: '',
		placeholder: 'invoice.pdf',
		description: 'File name shown to the recipient for the document',
		displayOptions: { show: { ...showFor, headerType: ['document'] } },
	},
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'Would you like delivery updates on WhatsApp?',
		description: `The message itself, up to ${LIMITS.bodyText} characters. Emoji and WhatsApp markdown (*bold*, _italic_) are allowed.`,
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		placeholder: 'Reply STOP to opt out',
		description: `Optional grey line under the body, up to ${LIMITS.footerText} characters`,
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		required: true,
		placeholder: 'Add Button',
		default: {},
		typeOptions: { multipleValues: true, sortable: true, multipleValueButtonText: 'Add Button' },
		description: `${LIMITS.minButtons} to ${LIMITS.maxButtons} quick-reply buttons. The tapped button's ID comes back in the reply field of the Insider WhatsApp Trigger, or in Send and Wait of this node.`,
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						placeholder: 'Yes please',
						description: `Text on the button, up to ${LIMITS.buttonTitle} characters, unique within the message`,
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'updates_yes',
						hint: 'Leave empty to use the title as a slug ("Yes please" becomes "yes_please")',
						description: `Returned when the button is tapped. Up to ${LIMITS.buttonId} characters (${WAIT_REFERENCE_LIMITS.userButtonId} in Send and Wait), unique, no emoji, no leading or trailing spaces.`,
					},
				],
			},
		],
	},
];
