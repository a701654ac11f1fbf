import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MESSAGE_LIMITS } from '../../helpers/messages/limits';
import { bodyAndFooterFields } from './messageFields.description';

const LIMITS = MESSAGE_LIMITS.list;
const INTERACTIVE = MESSAGE_LIMITS.interactive;

/** Fields of Message > Send List (the recipient and options are common to every send). */
const properties: INodeProperties[] = [
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		placeholder: 'Our opening hours',
		description: `Optional bold line above the body, up to ${INTERACTIVE.headerText} characters. Emoji are allowed, markdown is not.`,
	},
	...bodyAndFooterFields('Which store would you like to visit?'),
	{
		displayName: 'Button Text',
		name: 'buttonText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Choose a store',
		description: `Label of the button that opens the list, up to ${LIMITS.buttonText} characters`,
	},
	{
		displayName: 'Sections',
		name: 'sections',
		type: 'fixedCollection',
		required: true,
		placeholder: 'Add Section',
		default: {},
		typeOptions: { multipleValues: true, sortable: true, multipleValueButtonText: 'Add Section' },
		description: `Groups of rows the contact picks one from: 1 to ${LIMITS.maxRows} rows in all sections together. The picked row's ID comes back to the Insider WhatsApp Trigger.`,
		options: [
			{
				displayName: 'Section',
				name: 'section',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						placeholder: 'Istanbul',
						description:
							'Heading of the section. WhatsApp expects one when the list has several sections.',
					},
					{
						displayName: 'Rows',
						name: 'rows',
						type: 'fixedCollection',
						placeholder: 'Add Row',
						default: {},
						typeOptions: {
							multipleValues: true,
							sortable: true,
							multipleValueButtonText: 'Add Row',
						},
						description: 'The choices in this section, at least one',
						options: [
							{
								displayName: 'Row',
								name: 'row',
								values: [
									{
										displayName: 'Title',
										name: 'title',
										type: 'string',
										default: '',
										placeholder: 'Kadikoy',
										description: `The choice, up to ${LIMITS.rowTitle} characters`,
									},
									{
										displayName: 'ID',
										name: 'id',
										type: 'string',
										default: '',
										placeholder: 'store_kadikoy',
										hint: 'Leave empty to use the title as a slug ("Moda Store" becomes "moda_store")',
										description: 'Returned when the row is picked; unique within the list',
									},
									{
										displayName: 'Description',
										name: 'description',
										type: 'string',
										default: '',
										placeholder: 'Open 9:00 to 21:00',
										description: `Optional grey line under the title, up to ${LIMITS.rowDescription} characters`,
									},
								],
							},
						],
					},
				],
			},
		],
	},
];

export const sendListProperties = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendList'] } },
	properties,
);
