import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

const mediaHeaderTypes = ['image', 'video', 'document'];

/** Fields of Message > Send Template (the recipient and options are common to every send). */
const properties: INodeProperties[] = [
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'order_shipped',
		description: 'Name of a template approved for your WhatsApp account, as it appears in InOne',
	},
	{
		displayName: 'Language Code',
		name: 'languageCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'en_US',
		description: 'Language of the approved template translation to send, such as en_US or tr',
	},
	{
		displayName: 'Header Parameter',
		name: 'headerParameterType',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'Document', value: 'document', description: 'The header is a document' },
			{ name: 'Image', value: 'image', description: 'The header is an image' },
			{
				name: 'None',
				value: 'none',
				description: 'The template has no header, or a header without variables',
			},
			{ name: 'Text', value: 'text', description: 'The header text has a {{1}} variable' },
			{ name: 'Video', value: 'video', description: 'The header is a video' },
		],
		description: "What fills the template header's variable part",
	},
	{
		displayName: 'Header Parameter Text',
		name: 'headerParameterText',
		type: 'string',
		required: true,
		default: '',
		placeholder: '#1234',
		description: 'The value of the header text variable {{1}}',
		displayOptions: {
			show: { headerParameterType: ['text'] },
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
			show: { headerParameterType: mediaHeaderTypes },
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
			show: { headerParameterType: mediaHeaderTypes, headerMediaSource: ['link'] },
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
			show: { headerParameterType: mediaHeaderTypes, headerMediaSource: ['id'] },
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
			show: { headerParameterType: ['document'] },
		},
	},
	{
		displayName: 'Body Parameters',
		name: 'bodyParameters',
		type: 'fixedCollection',
		placeholder: 'Add Body Parameter',
		default: {},
		typeOptions: {
			multipleValues: true,
			sortable: true,
			multipleValueButtonText: 'Add Body Parameter',
		},
		description:
			'Values of the body variables in order: the first fills {{1}}, the second {{2}}, and so on',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						placeholder: 'Jane',
						description: 'The value of this variable; it must not be empty',
					},
				],
			},
		],
	},
	{
		displayName: 'Button Parameters',
		name: 'buttonParameters',
		type: 'fixedCollection',
		placeholder: 'Add Button Parameter',
		default: {},
		typeOptions: {
			multipleValues: true,
			sortable: true,
			multipleValueButtonText: 'Add Button Parameter',
		},
		description:
			"Values for the template's quick-reply buttons and dynamic URL buttons, one per button",
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Index',
						name: 'index',
						type: 'number',
						default: 0,
						typeOptions: { minValue: 0 },
						description: 'Position of the button in the template: 0 for the first button',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'quickReply',
						options: [
							{
								name: 'Quick Reply Payload',
								value: 'quickReply',
								description: 'Returned to the Insider WhatsApp Trigger when the button is tapped',
							},
							{
								name: 'URL Suffix',
								value: 'url',
								description: "Appended to the dynamic URL button's base URL",
							},
						],
					},
					{
						displayName: 'Payload',
						name: 'payload',
						type: 'string',
						default: '',
						placeholder: 'reorder_1234',
						description: 'Returned when the contact taps this quick-reply button',
						displayOptions: { show: { type: ['quickReply'] } },
					},
					{
						displayName: 'URL Suffix',
						name: 'urlSuffix',
						type: 'string',
						default: '',
						placeholder: '1234',
						description: 'The variable end of the URL, such as an order number',
						displayOptions: { show: { type: ['url'] } },
					},
				],
			},
		],
	},
];

export const sendTemplateProperties = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendTemplate'] } },
	properties,
);
