import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MESSAGE_LIMITS } from '../../helpers/messages/limits';

const INTERACTIVE = MESSAGE_LIMITS.interactive;
const mediaHeaderTypes = ['image', 'video', 'document'];

/** Fields of Message > Send Link Button (the recipient and options are common to every send). */
const properties: INodeProperties[] = [
	{
		displayName: 'Header Type',
		name: 'headerType',
		type: 'options',
		default: 'none',
		options: [
			{
				name: 'Document',
				value: 'document',
				description: 'A PDF, text or Office file, up to 100 MB',
			},
			{ name: 'Image', value: 'image', description: 'A JPEG or PNG image, up to 5 MB' },
			{ name: 'None', value: 'none', description: 'No header above the body' },
			{
				name: 'Text',
				value: 'text',
				description: `A bold line of up to ${INTERACTIVE.headerText} characters`,
			},
			{ name: 'Video', value: 'video', description: 'An MP4 or 3GP video, up to 16 MB' },
		],
		description: 'What appears above the message body',
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Your invoice is ready',
		description: `Up to ${INTERACTIVE.headerText} characters. Emoji are allowed, markdown is not.`,
		displayOptions: {
			show: { headerType: ['text'] },
		},
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
		displayOptions: {
			show: { headerType: mediaHeaderTypes },
		},
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
			show: { headerType: mediaHeaderTypes, headerMediaSource: ['link'] },
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
			show: { headerType: mediaHeaderTypes, headerMediaSource: ['id'] },
		},
	},
	{
		displayName: 'Header Filename',
		name: 'headerFilename',
		type: 'string',
		default: '',
		placeholder: 'invoice.pdf',
		description: 'File name shown to the recipient for the document',
		displayOptions: {
			show: { headerType: ['document'] },
		},
	},
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'Track your parcel on our website.',
		description: `The message itself, up to ${INTERACTIVE.bodyText} characters. Emoji and WhatsApp markdown (*bold*, _italic_) are allowed.`,
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		placeholder: 'Reply STOP to opt out',
		description: `Optional grey line under the body, up to ${INTERACTIVE.footerText} characters`,
	},
	{
		displayName: 'Button Text',
		name: 'buttonText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Track parcel',
		description: `Label of the button, up to ${MESSAGE_LIMITS.ctaUrl.buttonText} characters`,
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/track?order=1234',
		description: 'The https address the button opens',
	},
];

export const sendCtaUrlProperties = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendCtaUrl'] } },
	properties,
);
