/**
 * The one way messages leave: the Insider credential, its key's shared rate limiter, and the
 * dispatcher's safe retries, for the send pipeline and Send and Wait alike.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { SEND_PATHS } from '../../constants';
import { insiderConnection } from '../../transport/connection';
import type { SendRequestBody } from '../../transport/insiderClient';
import { sendOnce } from '../../transport/insiderClient';
import type { DispatchSettings } from './dispatcher';
import { dispatchBatches } from './dispatcher';
import type { Batch, BatchSource, ItemResult } from './sendModel';

/** Insider's send envelope: optional sender and callback beside the messages. */
function requestBodyOf(batch: Batch): SendRequestBody {
	return {
		...(batch.from ? { from: batch.from } : {}),
		...(batch.callbackUrl ? { callback: batch.callbackUrl } : {}),
		messages: batch.entries.map(({ outgoing }) => outgoing as unknown as IDataObject),
	};
}

/** Sends every batch `nextBatch` hands out; one result per item index it held. */
export async function sendMessages(
	context: IExecuteFunctions,
	nextBatch: BatchSource,
	settings: Omit<DispatchSettings, 'limiter' | 'abortSignal'>,
): Promise<Map<number, ItemResult>> {
	const { baseUrl, limiter } = await insiderConnection(context);
	return await dispatchBatches(
		nextBatch,
		{ ...settings, abortSignal: context.getExecutionCancelSignal?.(), limiter },
		async (batch) =>
			await sendOnce(context, baseUrl, SEND_PATHS[batch.endpoint], requestBodyOf(batch)),
	);
}
