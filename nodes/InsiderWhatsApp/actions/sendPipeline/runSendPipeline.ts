import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ExpressionError, NodeOperationError } from 'n8n-workflow';

import { INSIDER_DEFAULT_BASE_URL, SENDING_DEFAULTS } from '../../constants';
import type { MessageBuilder } from '../../helpers/messages/messageInput';
import { MessageInputError } from '../../helpers/messages/messageInput';
import { ParameterReader } from '../parameterReader';
import { abortableSleep } from '../../transport/abortableSleep';
import { batchesOf, streamedBatches } from '../../transport/batching';
import type { BatchSource, PlannedMessage } from '../../transport/dispatcher';
import { dispatchBatches } from '../../transport/dispatcher';
import { sendOnce } from '../../transport/insiderClient';
import { limiterForKey } from '../../transport/rateLimiter';
import { baseUrlOf, sendPathOf, toRequestBody } from '../../transport/requestBody';
import type { SendOptions } from './planMessage';
import { planMessage } from './planMessage';
import type { SendOutcomes } from './outputItems';
import { outputItems } from './outputItems';

/** Items checked between two turns of the event loop, so a Stop or a callback is not kept waiting. */
const ITEMS_PER_TURN = 100;

function readSettings(parameters: ParameterReader) {
	const options = parameters.get<SendOptions>('options', 0, {});
	return {
		batchSize: Math.max(1, Math.floor(options.batchSize ?? SENDING_DEFAULTS.batchSize)),
		requestsPerSecond: Math.max(
			0.1,
			options.requestsPerSecond ?? SENDING_DEFAULTS.requestsPerSecond,
		),
		maxRetries: Math.max(0, Math.floor(options.maxRetries ?? SENDING_DEFAULTS.maxRetries)),
	};
}

/**
 * The one send pipeline every message operation shares: check items, batch them by endpoint,
 * sender and callback URL, send under the rate limit with safe retries, and give one output
 * item per input item. An operation only supplies its message builder.
 */
export async function runSendPipeline(
	this: IExecuteFunctions,
	build: MessageBuilder,
): Promise<INodeExecutionData[]> {
	const itemCount = this.getInputData().length;
	const continueOnFail = this.continueOnFail();
	const signal = this.getExecutionCancelSignal?.();
	const parameters = new ParameterReader(this);
	const outcome: SendOutcomes = {
		itemCount,
		invalid: new Map(),
		planned: new Map(),
		results: new Map(),
	};

	/** Plans one item; an invalid one is thrown, or kept as an error item under Continue On Fail. */
	const plan = (itemIndex: number): PlannedMessage | undefined => {
		try {
			const planned = planMessage(build, parameters, itemIndex);
			outcome.planned.set(itemIndex, planned);
			return planned;
		} catch (error) {
			const validationError = toValidationError(this, error, itemIndex);
			if (!continueOnFail) throw validationError;
			outcome.invalid.set(itemIndex, validationError);
			return undefined;
		}
	};

	const settings = readSettings(parameters);
	let source: BatchSource;
	if (continueOnFail) {
		// An invalid item only becomes an error item, so checking everything first protects
		// nothing: items are evaluated as workers need them, while earlier requests are out.
		let next = 0;
		source = streamedBatches(() => {
			while (next < itemCount) {
				const planned = plan(next++);
				if (planned) return planned;
			}
			return undefined;
		}, settings.batchSize);
	} else {
		// Every item is checked before the first request: one bad row sends nothing.
		const messages: PlannedMessage[] = [];
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			if (itemIndex > 0 && itemIndex % ITEMS_PER_TURN === 0) await yieldOrStop(this, signal);
			messages.push(plan(itemIndex) as PlannedMessage);
		}
		source = batchesOf(messages, settings.batchSize);
	}

	const credentials = await this.getCredentials<{ baseUrl?: string; apiKey?: string }>(
		'insiderWhatsAppApi',
	);
	const baseUrl = baseUrlOf(credentials, INSIDER_DEFAULT_BASE_URL);
	const limiter = limiterForKey(baseUrl, String(credentials.apiKey ?? ''));
	outcome.results = await dispatchBatches(
		source,
		{ ...settings, stopAfterFirstFailure: !continueOnFail, abortSignal: signal, limiter },
		async (batch) => await sendOnce(this, baseUrl, sendPathOf(batch), toRequestBody(batch)),
	);
	return outputItems(this.getNode(), outcome, continueOnFail);
}

/** Lets n8n handle a Stop (and incoming webhooks) while a long campaign is being checked. */
async function yieldOrStop(context: IExecuteFunctions, signal: AbortSignal | undefined) {
	if (!(await abortableSleep(0, signal))) {
		throw new NodeOperationError(context.getNode(), 'The execution was stopped before sending');
	}
}

function toValidationError(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof MessageInputError) {
		return new NodeOperationError(
			context.getNode(),
			`Item ${itemIndex}, ${error.field}: ${error.problem}`,
			{
				itemIndex,
				description: `Fix the "${error.field}" value of item ${itemIndex}. Nothing was sent for this item.`,
			},
		);
	}
	// n8n's own errors (an expression it refused, say) reach the user exactly as n8n made them.
	if (error instanceof NodeOperationError || error instanceof ExpressionError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
