import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MESSAGE_LIMITS } from '../../helpers/messages/limits';
import { bodyAndFooterFields, interactiveHeaderFields } from './messageFields.description';

const LIMITS = MESSAGE_LIMITS.quickReply;

/**
 * Fields of Message > Send Quick Reply and of Send Quick Reply and Wait for Tap, which sends the
 * same message (the recipient is common to every send; each has its own options).
 */
const properties: INodeProperties[] = [
	...interactiveHeaderFields('Your order has shipped'),
	...bodyAndFooterFields('Would you like delivery updates on WhatsApp?'),
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		required: true,
		placeholder: 'Add Button',
		default: {},
		typeOptions: { multipleValues: true, sortable: true, multipleValueButtonText: 'Add Button' },
		description: `${LIMITS.minButtons} to ${LIMITS.maxButtons} quick-reply buttons. The tapped button's ID comes back in the reply field of the Insider WhatsApp Trigger, or in Send and Wait of this node.`,
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
						description: `Returned when the button is tapped. Up to ${LIMITS.buttonId} characters (${MESSAGE_LIMITS.sendAndWait.buttonId} in Send and Wait), unique, no emoji, no leading or trailing spaces.`,
					},
				],
			},
		],
	},
];

export const sendQuickReplyProperties = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendQuickReply', 'sendAndWait'] } },
	properties,
);
