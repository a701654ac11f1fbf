import type { INodeProperties } from 'n8n-workflow';

import { CALLBACK_EVENT_NAMES, CALLBACK_EVENT_OPTIONS } from '../../../shared/callbackEvent';

const show = { show: { resource: ['event'], operation: ['parse'] } };

/** Read Callback Events: what to read, which events to keep, and the options. */
export const readCallbackEventsProperties: INodeProperties[] = [
	{
		displayName:
			"For high callback volumes on n8n 2.x: receive callbacks with n8n's <b>Webhook</b> node (Respond: Immediately, Raw Body on) and put this node after it. It gives exactly the items the Insider WhatsApp Trigger gives. Secure the Webhook node itself: Header Auth with <code>Authorization</code> = <code>Bearer &lt;token&gt;</code> for the conversational webhook, a long random path for status callback URLs.",
		name: 'readEventsNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [...CALLBACK_EVENT_NAMES],
		description: 'Which events to output; the others are dropped',
		options: CALLBACK_EVENT_OPTIONS,
		displayOptions: show,
	},
	{
		displayName: 'Body Field',
		name: 'bodyField',
		type: 'string',
		required: true,
		default: 'body',
		placeholder: 'body',
		description:
			"The input field holding the callback body: an object, an array of payloads, or JSON text. n8n's Webhook node puts it in <code>body</code>. Dots reach nested fields (<code>data.callback</code>).",
		displayOptions: show,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Deduplicate',
				name: 'deduplicate',
				type: 'boolean',
				default: true,
				description:
					"Whether to drop an event this workflow has already read (same key or message ID, event and timestamp), as the trigger does: Insider retries callbacks that did not get a 2xx in time. Uses n8n's deduplication store in its database, so it holds across restarts and queue-mode processes.",
			},
			{
				displayName: 'History Size',
				name: 'historySize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10000,
				description:
					'How many past events Deduplicate remembers. Insider retries for up to an hour: make it at least the number of events this workflow reads in an hour.',
			},
			{
				displayName: 'Include Raw Payload',
				name: 'includeRaw',
				type: 'boolean',
				default: true,
				description: 'Whether to add the original status or message object as "raw"',
			},
			{
				displayName: 'Raw Body Field',
				name: 'rawBodyField',
				type: 'string',
				default: 'data',
				description:
					"The binary field holding the request's bytes (the Webhook node's Raw Body option puts them in <code>data</code>). Read instead of Body Field when the request was not sent as application/JSON, since n8n does not parse those bodies as JSON.",
			},
		],
	},
];
