import type { INodeProperties } from 'n8n-workflow';

import { senderNumberOption, statusCallbackUrlOption } from './common.description';

// n8n recognises a Send and Wait node by exactly this operation value (SEND_AND_WAIT_OPERATION).
const showFor = { resource: ['message'], operation: ['sendAndWait'] };

/**
 * n8n's own Limit Wait Time option of its Send and Wait operations: the same parameter names and
 * values, so workflows and habits carry over.
 */
const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		'Whether to limit how long the execution waits for a tap. When the time is up the execution resumes with this node passing on its input items, without "reply".',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					description: 'Resume after some time, or at a date and time',
					options: [
						{
							name: 'After Time Interval',
							value: 'afterTimeInterval',
							description: 'Waits for a certain amount of time',
						},
						{
							name: 'At Specified Time',
							value: 'atSpecifiedTime',
							description: 'Waits until the set date and time to continue',
						},
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					default: 1,
					typeOptions: { minValue: 0, numberPrecision: 2 },
					description: 'The time to wait',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'hours',
					options: [
						{ name: 'Days', value: 'days' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Minutes', value: 'minutes' },
					],
					description: 'Unit of the interval value',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					description: 'Continue execution after the specified date and time',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

/*
 * Message > Send Quick Reply and Wait for Tap: the recipient and the quick-reply fields are those
 * of Send Quick Reply (shown for this operation too); here are its notice and its own options.
 */

/** Above the message fields: what the operation does and what it needs. */
export const sendAndWaitNoticeProperties: INodeProperties[] = [
	{
		displayName:
			"Sends one message, for the first input item only, then pauses the execution until the contact taps a button; the node then outputs the tapped button's ID and title in <code>reply</code>. The tap arrives through Insider's conversational webhook, so an <b>active Insider WhatsApp Trigger on this n8n</b> must receive it (its production URL set as the conversational webhook in InOne): it resumes this execution and starts none of its own for that tap.",
		name: 'sendAndWaitNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor },
	},
];

/** Last in the panel, like every send operation's options; not the send pipeline's options. */
export const sendAndWaitOptionsProperties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showFor },
		options: [limitWaitTimeOption, senderNumberOption, statusCallbackUrlOption],
	},
];
