import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import * as download from './download.operation';
import * as getUrl from './getUrl.operation';
import { MEDIA_OPERATIONS, mediaFieldProperties } from './media.description';
import * as upload from './upload.operation';

/** Each Media operation, by its value. */
export const mediaOperations: Record<
	string,
	(this: IExecuteFunctions) => Promise<INodeExecutionData[]>
> = {
	[MEDIA_OPERATIONS.download.value]: download.execute,
	[MEDIA_OPERATIONS.getUrl.value]: getUrl.execute,
	[MEDIA_OPERATIONS.upload.value]: upload.execute,
};

/** The Media resource: files to and from WhatsApp, by media ID. */
export const mediaProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		options: Object.values(MEDIA_OPERATIONS),
		default: 'upload',
	},
	...mediaFieldProperties,
];
