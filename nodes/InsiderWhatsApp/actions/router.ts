import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sendQuickReply } from './message';

type Operation = (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;

/** resource -> operation -> implementation; a new operation is one line here. */
const operations: Record<string, Record<string, Operation>> = {
	message: { sendQuickReply },
};

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await run.call(this)];
}
