import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { INSIDER_DEFAULT_BASE_URL } from '../../../../credentials/InsiderWhatsAppApi.credentials';
import { SENDING_DEFAULTS } from '../../constants';
import { ParameterReader } from '../../helpers/parameterReader';
import { normalizePhoneNumber } from '../../helpers/phoneNumber';
import type { QuickReplyInput } from '../../helpers/quickReplyMessage';
import { buildQuickReplyMessage, QuickReplyInputError } from '../../helpers/quickReplyMessage';
import type { Batch, ItemResult, PlannedMessage } from '../../transport/dispatcher';
import { dispatchBatches, planBatches } from '../../transport/dispatcher';
import type { InsiderFailure } from '../../transport/insiderErrors';
import { sendOnce } from '../../transport/insiderClient';

interface SendOptions {
	batchSize?: number;
	requestsPerSecond?: number;
	maxRetries?: number;
	from?: string;
	callbackUrl?: string;
}

const HTTP_URL = /^https?:\/\/\S+$/i;

function readInput(parameters: ParameterReader, itemIndex: number): QuickReplyInput {
	const text = (name: string) => String(parameters.get(name, itemIndex, ''));
	const headerType = parameters.get<QuickReplyInput['headerType']>('headerType', itemIndex, 'none');
	const isMedia = headerType === 'image' || headerType === 'video' || headerType === 'document';
	const mediaSource = isMedia
		? parameters.get<'link' | 'id'>('headerMediaSource', itemIndex, 'link')
		: undefined;
	return {
		phoneNumber: text('phoneNumber'),
		headerType,
		headerText: headerType === 'text' ? text('headerText') : undefined,
		headerMediaSource: mediaSource,
		headerMediaLink: mediaSource === 'link' ? text('headerMediaLink') : undefined,
		headerMediaId: mediaSource === 'id' ? text('headerMediaId') : undefined,
		headerFilename: headerType === 'document' ? text('headerFilename') : undefined,
		bodyText: text('bodyText'),
		footerText: text('footerText'),
		buttons: parameters.get<QuickReplyInput['buttons']>('buttons.button', itemIndex, []),
	};
}

/** Builds and checks one item's message; every problem names the item and the field. */
function planItem(
	context: IExecuteFunctions,
	parameters: ParameterReader,
	itemIndex: number,
): PlannedMessage {
	const options = parameters.get<SendOptions>('options', itemIndex, {});
	try {
		const outgoing = buildQuickReplyMessage(readInput(parameters, itemIndex));
		const planned: PlannedMessage = { itemIndex, outgoing };
		if (options.from) {
			planned.from = normalizePhoneNumber(options.from);
			if (planned.from === undefined) {
				throw new QuickReplyInputError(
					'Sender Number',
					`"${options.from}" is not an E.164 number such as +15550783881`,
				);
			}
		}
		if (options.callbackUrl) {
			const callbackUrl = options.callbackUrl.trim();
			if (!HTTP_URL.test(callbackUrl)) {
				throw new QuickReplyInputError(
					'Status Callback URL',
					`"${callbackUrl}" is not an http or https URL`,
				);
			}
			planned.callbackUrl = callbackUrl;
		}
		return planned;
	} catch (error) {
		if (error instanceof QuickReplyInputError) {
			throw new NodeOperationError(
				context.getNode(),
				`Item ${itemIndex}, ${error.field}: ${error.problem}`,
				{
					itemIndex,
					description: `Fix the "${error.field}" value of item ${itemIndex}. Nothing was sent for this item.`,
				},
			);
		}
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}

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

function toRequestBody(batch: Batch) {
	return {
		...(batch.from ? { from: batch.from } : {}),
		...(batch.callbackUrl ? { callback: batch.callbackUrl } : {}),
		messages: batch.entries.map(({ outgoing }) => outgoing as unknown as IDataObject),
	};
}

function failureError(context: IExecuteFunctions, failure: InsiderFailure, itemIndex: number) {
	return new NodeApiError(context.getNode(), failure.body ?? { message: failure.message }, {
		message: failure.message,
		description: failure.description,
		httpCode: failure.httpCode,
		itemIndex,
	});
}

/** The error thrown when some items were accepted before the run had to stop. */
function partialSendError(
	context: IExecuteFunctions,
	firstFailure: { itemIndex: number; failure: InsiderFailure },
	accepted: Array<{ itemIndex: number; key: string; phoneNumber: string }>,
	total: number,
) {
	const listed = accepted
		.slice(0, 100)
		.map((entry) => `item ${entry.itemIndex} (${entry.phoneNumber}): ${entry.key}`)
		.join('\n');
	const more = accepted.length > 100 ? `\n…and ${accepted.length - 100} more.` : '';
	return new NodeApiError(
		context.getNode(),
		firstFailure.failure.body ?? { message: firstFailure.failure.message },
		{
			message: `${accepted.length} of ${total} items were already accepted by Insider, then sending stopped: ${firstFailure.failure.message}`,
			description: `Do not run this node again on all items: the accepted ones would be sent twice. ${firstFailure.failure.description}\n\nAccepted (item, phone number, key):\n${listed}${more}`,
			httpCode: firstFailure.failure.httpCode,
			itemIndex: firstFailure.itemIndex,
		},
	);
}

export async function sendQuickReply(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const planned: PlannedMessage[] = [];
	const invalid = new Map<number, NodeOperationError>();
	const parameters = new ParameterReader(this);

	// Check every item before the first request, so bad input never leaves half a campaign sent.
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			planned.push(planItem(this, parameters, itemIndex));
		} catch (error) {
			const validationError =
				error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (!continueOnFail) throw validationError;
			invalid.set(itemIndex, validationError);
		}
	}

	const settings = readSettings(parameters);
	const credentials = await this.getCredentials<{ baseUrl?: string }>('insiderWhatsAppApi');
	const baseUrl = String(credentials.baseUrl || INSIDER_DEFAULT_BASE_URL).replace(/\/+$/, '');
	const results: Map<number, ItemResult> = planned.length
		? await dispatchBatches(
				planBatches(planned, settings.batchSize),
				{ ...settings, stopAfterFirstFailure: !continueOnFail },
				async (batch) => await sendOnce(this, baseUrl, toRequestBody(batch)),
			)
		: new Map();

	const byIndex = new Map(planned.map((message) => [message.itemIndex, message]));
	const output: INodeExecutionData[] = [];
	const accepted: Array<{ itemIndex: number; key: string; phoneNumber: string }> = [];
	let firstFailure: { itemIndex: number; failure: InsiderFailure } | undefined;

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		const validationError = invalid.get(itemIndex);
		if (validationError) {
			output.push({ json: { error: validationError.message, status: 'invalid' }, pairedItem });
			continue;
		}
		const message = byIndex.get(itemIndex) as PlannedMessage;
		const result = results.get(itemIndex) as ItemResult;
		const json: IDataObject = { phoneNumber: message.outgoing.phoneNumber };
		if (result.status === 'accepted') {
			json.key = result.key;
			json.status = 'accepted';
			accepted.push({ itemIndex, key: result.key, phoneNumber: message.outgoing.phoneNumber });
		} else {
			firstFailure = firstFailure ?? { itemIndex, failure: result.failure };
			json.error = result.failure.message;
			json.errorDescription = result.failure.description;
			json.status = result.status;
		}
		if (message.from) json.from = message.from;
		if (message.callbackUrl) json.callbackUrl = message.callbackUrl;
		output.push({ json, pairedItem });
	}

	if (firstFailure && !continueOnFail) {
		if (accepted.length === 0)
			throw failureError(this, firstFailure.failure, firstFailure.itemIndex);
		throw partialSendError(this, firstFailure, accepted, items.length);
	}
	return output;
}
