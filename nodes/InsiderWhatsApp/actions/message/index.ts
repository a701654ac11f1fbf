import type { INodeProperties } from 'n8n-workflow';

import { recipientProperties, sendOptionsProperties } from './common.description';
import { MARK_AS_READ, markAsReadProperties } from './markAsRead.description';
import { SEND_AND_WAIT, SEND_OPERATIONS } from './operations';
import {
	sendAndWaitNoticeProperties,
	sendAndWaitOptionsProperties,
} from './sendAndWait.description';

/** The operation list, by label as n8n's editor lists them. */
const operationOptions = [...SEND_OPERATIONS, SEND_AND_WAIT, MARK_AS_READ]
	.map(({ name, value, action, description }) => ({ name, value, action, description }))
	.sort((a, b) => a.name.localeCompare(b.name));

/** The Message resource: the operation list, the recipient, each operation's fields, options. */
export const messageProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: operationOptions,
		default: 'sendQuickReply',
	},
	...recipientProperties,
	...sendAndWaitNoticeProperties,
	...SEND_OPERATIONS.flatMap((operation) => operation.properties),
	...sendOptionsProperties,
	...sendAndWaitOptionsProperties,
	...markAsReadProperties,
];
