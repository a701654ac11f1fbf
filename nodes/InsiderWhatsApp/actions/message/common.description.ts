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

/** The Sender Number option, in every send's options and Send and Wait's. */
export const senderNumberOption: INodeProperties = {
	displayName: 'Sender Number',
	name: 'from',
	type: 'string',
	default: '',
	placeholder: '+15550783881',
	description:
		'The business number to send from, in E.164, for accounts with several WhatsApp numbers. Empty uses the account default.',
};

/** The Status Callback URL option, in every send's options and Send and Wait's. */
export const statusCallbackUrlOption: INodeProperties = {
	displayName: 'Status Callback URL',
	name: 'callbackUrl',
	type: 'string',
	default: '',
	placeholder: 'https://n8n.example.com/webhook/…/webhook',
	description:
		"Where Insider posts sent, delivered, read and failed statuses: paste the Insider WhatsApp Trigger's production URL here",
};

/**
 * Requests Per Second and Max Retries: every operation that calls Insider has them. Defaults are
 * literals (n8n's linter reads them statically); they equal SENDING_DEFAULTS.
 */
export const REQUESTS_PER_SECOND_OPTION: INodeProperties = {
	displayName: 'Requests Per Second',
	name: 'requestsPerSecond',
	type: 'number',
	default: 10,
	typeOptions: { minValue: 0.1, maxValue: 1000, numberPrecision: 1 },
	description:
		"The most requests per second this node sends, shared by everything on the same API key in this n8n process; Insider's default limit is 10 per key. Other processes on the key are found by their 429s. Read from the first item.",
};

/** Max Retries as sends have it; the operations that send nothing retry more (below). */
export const MAX_RETRIES_OPTION: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	default: 5,
	typeOptions: { minValue: 0, maxValue: 20 },
	description:
		'How often a request Insider certainly did not accept (503 or code 2020 maintenance, connection refused) is tried again. A 429 is retried until 10 minutes pass without an accepted request on the key. Read from the first item.',
};

/**
 * The Options of operations that make one request per item (Mark as Read, the Media resource),
 * after their own (`ownOptions`, sorted before Max Retries). Nothing they do reaches a contact,
 * so every unsure outcome is asked again.
 */
export function requestOptionsProperties(
	resource: string,
	operations: string[],
	ownOptions: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: [resource], operation: operations } },
		options: [
			...ownOptions,
			{
				...MAX_RETRIES_OPTION,
				description:
					'How often a request is tried again when Insider answered 5xx, was in maintenance or could not be reached. A 429 is retried until 10 minutes pass without an accepted request on the key. Read from the first item.',
			},
			REQUESTS_PER_SECOND_OPTION,
		],
	};
}

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
			MAX_RETRIES_OPTION,
			{
				displayName: 'Reply To',
				name: 'replyTo',
				type: 'string',
				default: '',
				placeholder: 'wamid.HBgLMTU1NTAwMDExMTEVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
				description:
					"The WhatsApp message ID (wamid) of the contact's message to quote, for example the Insider WhatsApp Trigger's messageId",
			},
			REQUESTS_PER_SECOND_OPTION,
			senderNumberOption,
			statusCallbackUrlOption,
		],
	},
];
