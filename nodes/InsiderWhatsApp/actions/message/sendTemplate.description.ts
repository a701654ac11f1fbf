import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { headerFields } from './messageFields.description';

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
	...headerFields({
		type: {
			name: 'headerParameterType',
			displayName: 'Header Parameter',
			description: "What fills the template header's variable part",
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
		},
		text: {
			name: 'headerParameterText',
			displayName: 'Header Parameter Text',
			placeholder: '#1234',
			description: 'The value of the header text variable {{1}}',
		},
	}),

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
