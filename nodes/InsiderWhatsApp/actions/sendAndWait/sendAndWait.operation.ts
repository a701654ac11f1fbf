import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ExpressionError, NodeOperationError } from 'n8n-workflow';

import { WaitReferenceError } from '../../../shared/waitReference';
import { INSIDER_DEFAULT_BASE_URL, SEND_PATHS, SENDING_DEFAULTS } from '../../constants';
import { MessageInputError } from '../../helpers/messages/messageInput';
import type { QuickReplyMessage } from '../../helpers/messages/quickReply';
import { buildQuickReplyMessage } from '../../helpers/messages/quickReply';
import { ParameterReader } from '../parameterReader';
import { batchesOf } from '../../transport/batching';
import type { PlannedMessage } from '../../transport/dispatcher';
import { dispatchBatches } from '../../transport/dispatcher';
import { limiterForKey } from '../../transport/rateLimiter';
import { sendOnce } from '../../transport/insiderClient';
import { notSentAfterStop } from '../../transport/insiderErrors';
import { failureError } from '../../transport/nodeErrors';
import { baseUrlOf, toRequestBody } from '../../transport/requestBody';
import { planMessage } from '../sendPipeline/planMessage';
import { withWaitReferences } from './buttonReferences';
import { waitTillFromOptions } from './limitWaitTime';
import { requireSignedResumes } from './signedResumes';
import { runIndexAtSend } from './waitRun';

/** Like n8n's own Send and Wait operations: one message, for the first input item. */
const ITEM = 0;

/** A field the user must fix, named as the send pipeline names it; n8n's own errors unchanged. */
function toValidationError(context: IExecuteFunctions, error: unknown): Error {
	if (error instanceof MessageInputError || error instanceof WaitReferenceError) {
		return new NodeOperationError(
			context.getNode(),
			`Item ${ITEM}, ${error.field}: ${error.problem}`,
			{
				itemIndex: ITEM,
				description: `Fix the "${error.field}" value of item ${ITEM}. Nothing was sent.`,
			},
		);
	}
	if (error instanceof NodeOperationError || error instanceof ExpressionError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex: ITEM });
}

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
		throw toValidationError(this, error);
	}
	const waitTill = waitTillFromOptions(this);

	const credentials = await this.getCredentials<{ baseUrl?: string; apiKey?: string }>(
		'insiderWhatsAppApi',
	);
	const baseUrl = baseUrlOf(credentials, INSIDER_DEFAULT_BASE_URL);
	const results = await dispatchBatches(
		batchesOf([planned], 1),
		{
			requestsPerSecond: SENDING_DEFAULTS.requestsPerSecond,
			maxRetries: SENDING_DEFAULTS.maxRetries,
			stopAfterFirstFailure: true,
			abortSignal: this.getExecutionCancelSignal?.(),
			limiter: limiterForKey(baseUrl, String(credentials.apiKey ?? '')),
		},
		async (batch) => await sendOnce(this, baseUrl, SEND_PATHS.conversational, toRequestBody(batch)),
	);
	const result = results.get(ITEM) ?? {
		status: 'notSent' as const,
		failure: notSentAfterStop('The execution was stopped'),
	};
	// Insider's refusal, exactly as Send Quick Reply reports it; nothing waits for a tap then.
	if (result.status !== 'accepted') throw failureError(this.getNode(), result.failure, ITEM);

	await this.putExecutionToWait(waitTill);
	return [this.getInputData().map((item, index) => ({ ...item, pairedItem: { item: index } }))];
}
