import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readCallbackEventsProperties } from './readCallbackEvents.description';
import * as readCallbackEvents from './readCallbackEvents.operation';

/** Each Event operation, by its value. */
export const eventOperations: Record<
	string,
	(this: IExecuteFunctions) => Promise<INodeExecutionData[]>
> = {
	parse: readCallbackEvents.execute,
};

/** The Event resource: what Insider reports back, read from a body another node received. */
export const eventProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Read Callback Events',
				value: 'parse',
				action: 'Read callback events',
				description:
					"Turn a callback body received by n8n's Webhook node into one item per status or message, like the trigger",
			},
		],
		default: 'parse',
	},
	...readCallbackEventsProperties,
];
