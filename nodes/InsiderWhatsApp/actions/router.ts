import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { eventOperations } from './event';
import { SEND_AND_WAIT, sendOperation } from './message/operations';
import { sendAndWait } from './sendAndWait/sendAndWait.operation';
import { runSendPipeline } from './sendPipeline/runSendPipeline';

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	// Send and Wait sends one message and waits, outside the send pipeline.
	if (resource === 'message' && operation === SEND_AND_WAIT.value)
		return await sendAndWait.call(this);
	const readEvents = resource === 'event' ? eventOperations[operation] : undefined;
	if (readEvents) return [await readEvents.call(this)];
	const send = resource === 'message' ? sendOperation(operation) : undefined;
	if (!send) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await runSendPipeline.call(this, send.build)];
}
