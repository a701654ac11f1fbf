import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { eventOperations } from './event';
import { mediaOperations } from './media';
import { MARK_AS_READ } from './message/markAsRead.description';
import * as markAsRead from './message/markAsRead.operation';
import { SEND_AND_WAIT, sendOperation } from './message/operations';
import { sendAndWait } from './sendAndWait/sendAndWait.operation';
import { runSendPipeline } from './sendPipeline/runSendPipeline';

type Execute = (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;

/** Operations with an implementation of their own, by resource and operation value. */
const OWN_OPERATIONS: Record<string, Record<string, Execute>> = {
	event: eventOperations,
	media: mediaOperations,
	message: { [MARK_AS_READ.value]: markAsRead.execute },
};

const own = <T>(table: Record<string, T>, key: string): T | undefined =>
	Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	// Send and Wait sends one message and waits, outside the send pipeline.
	if (resource === 'message' && operation === SEND_AND_WAIT.value)
		return await sendAndWait.call(this);
	const execute = own(own(OWN_OPERATIONS, resource) ?? {}, operation);
	if (execute) return [await execute.call(this)];
	const send = resource === 'message' ? sendOperation(operation) : undefined;
	if (!send) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await runSendPipeline.call(this, send)];
}
