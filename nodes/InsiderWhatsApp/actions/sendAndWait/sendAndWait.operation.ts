import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { SENDING_DEFAULTS } from '../../constants';
import type { QuickReplyMessage } from '../../helpers/messages/quickReply';
import { buildQuickReplyMessage } from '../../helpers/messages/quickReply';
import { notSentAfterStop } from '../../transport/insiderErrors';
import { ParameterReader } from '../parameterReader';
import { batchesOf } from '../sendPipeline/batching';
import { planMessage } from '../sendPipeline/planMessage';
import { failureError, toValidationError } from '../sendPipeline/sendErrors';
import { sendMessages } from '../sendPipeline/sendMessages';
import type { PlannedMessage } from '../sendPipeline/sendModel';
import { withWaitReferences } from './buttonReferences';
import { waitTillFromOptions } from './limitWaitTime';
import { requireSignedResumes } from './signedResumes';
import { runIndexAtSend } from './waitRun';

/** Like n8n's own Send and Wait operations: one message, for the first input item. */
const ITEM = 0;

/**
 * Message > Send Quick Reply and Wait for Tap: checks and sends the first item's quick reply,
 * whose button ids carry a reference to this execution, then puts the execution to wait. A tap
 * resumes it through the node's webhook (see webhook.ts); the time limit resumes it through
 * n8n's wait tracker, which passes the input items on.
 */
export async function sendAndWait(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const signing = requireSignedResumes(this);
	let planned: PlannedMessage;
	try {
		// The recipient, Sender Number and Status Callback URL are checked as every send checks them.
		planned = planMessage(buildQuickReplyMessage, new ParameterReader(this), ITEM);
		const target = { phoneNumber: planned.outgoing.phoneNumber, run: runIndexAtSend(this) };
		const message = planned.outgoing.message as unknown as QuickReplyMessage;
		planned.outgoing.message = withWaitReferences(
			message,
			signing,
			target,
		) as unknown as IDataObject;
	} catch (error) {
		throw toValidationError(this, error, ITEM);
	}
	const waitTill = waitTillFromOptions(this);

	const results = await sendMessages(this, batchesOf([planned], 1), {
		requestsPerSecond: SENDING_DEFAULTS.requestsPerSecond,
		maxRetries: SENDING_DEFAULTS.maxRetries,
		stopAfterFirstFailure: true,
	});
	const result = results.get(ITEM) ?? {
		status: 'notSent' as const,
		failure: notSentAfterStop('The execution was stopped'),
	};
	// Insider's refusal, exactly as Send Quick Reply reports it; nothing waits for a tap then.
	if (result.status !== 'accepted') throw failureError(this.getNode(), result.failure, ITEM);

	await this.putExecutionToWait(waitTill);
	return [this.getInputData().map((item, index) => ({ ...item, pairedItem: { item: index } }))];
}
