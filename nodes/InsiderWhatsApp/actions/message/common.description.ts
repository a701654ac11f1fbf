import type { INodeProperties } from 'n8n-workflow';

import { SEND_AND_WAIT, SEND_OPERATIONS as SEND_OPERATION_ROWS } from './operations';

/** Every operation that sends messages through the batched send pipeline. */
const SEND_OPERATIONS = SEND_OPERATION_ROWS.map((operation) => operation.value);

/**
 * Send Quick Reply and Wait for Tap sends one message outside the send pipeline, so it shares
 * the recipient but not the pipeline's Options.
 */
const RECIPIENT_OPERATIONS = [...SEND_OPERATIONS, SEND_AND_WAIT.value];

/** Conversational (non-template) messages reach the contact only inside the 24-hour window. */
const WINDOW_OPERATIONS = [
	...SEND_OPERATION_ROWS.filter((operation) => operation.windowOnly).map((op) => op.value),
	SEND_AND_WAIT.value,
];

/** The recipient, first in every send operation's panel. */
export const recipientProperties: INodeProperties[] = [
	{
		displayName:
			'WhatsApp delivers this message only if the contact wrote to your number in the last 24 hours. Outside that window Insider reports <code>failed</code> (error 131047) to the Insider WhatsApp Trigger; open the conversation with Send Template first.',
		name: 'windowNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['message'], operation: WINDOW_OPERATIONS } },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+905321234567',
		description:
			'Recipient in international format (E.164) with the country code. Spaces, dashes, dots and brackets are removed and a leading 00 becomes +.',
		displayOptions: { show: { resource: ['message'], operation: RECIPIENT_OPERATIONS } },
	},
];

/**
 * Options of every send operation, last in the panel. Defaults are literals (n8n's linter reads
 * them statically); they equal SENDING_DEFAULTS.
 */
export const sendOptionsProperties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['message'], operation: SEND_OPERATIONS } },
		options: [
			{
				displayName: 'API',
				name: 'api',
				type: 'options',
				default: 'conversational',
				options: [
					{
						name: 'Conversational',
						value: 'conversational',
						description: 'POST /v1/conversational/send',
					},
					{
						name: 'Transactional',
						value: 'transactional',
						description: 'POST /v1/send, for accounts that send templates there',
					},
				],
				description:
					'Which Insider endpoint the message goes to. Insider documents the same request for both; items for different endpoints never share a request.',
			},
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				default: 50,
				typeOptions: { minValue: 1, maxValue: 500 },
				description: 'How many messages go in one API request. Read from the first item.',
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				default: 5,
				typeOptions: { minValue: 0, maxValue: 20 },
				description:
					'How often a request Insider certainly did not accept (429 rate limit, 503 or code 2020 maintenance, connection refused) is tried again. Read from the first item.',
			},
			{
				displayName: 'Reply To',
				name: 'replyTo',
				type: 'string',
				default: '',
				placeholder: 'wamid.HBgLMTU1NTAwMDExMTEVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
				description:
					"The WhatsApp message ID (wamid) of the contact's message to quote, for example the Insider WhatsApp Trigger's messageId",
			},
			{
				displayName: 'Requests Per Second',
				name: 'requestsPerSecond',
				type: 'number',
				default: 10,
				typeOptions: { minValue: 0.1, maxValue: 1000, numberPrecision: 1 },
				description:
					"Client-side limit across the whole execution; Insider's default limit is 10 per API key. Read from the first item.",
			},
			{
				displayName: 'Sender Number',
				name: 'from',
				type: 'string',
				default: '',
				placeholder: '+15550783881',
				description:
					'The business number to send from, in E.164, for accounts with several WhatsApp numbers. Empty uses the account default.',
			},
			{
				displayName: 'Status Callback URL',
				name: 'callbackUrl',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/webhook/…/webhook',
				description:
					"Where Insider posts sent, delivered, read and failed statuses: paste the Insider WhatsApp Trigger's production URL here",
			},
		],
	},
];
