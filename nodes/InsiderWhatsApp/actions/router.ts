import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { eventOperations } from './event';
import { messageBuilders } from './message';
import { sendAndWait } from './sendAndWait/sendAndWait.operation';
import { runSendPipeline } from './sendPipeline/runSendPipeline';

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	// Send and Wait sends one message and waits, outside the send pipeline.
	if (resource === 'message' && operation === 'sendAndWait') return await sendAndWait.call(this);
	const readEvents = resource === 'event' ? eventOperations[operation] : undefined;
	if (readEvents) return [await readEvents.call(this)];
	const build = resource === 'message' ? messageBuilders[operation] : undefined;
	if (!build) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await runSendPipeline.call(this, build)];
}
