import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { redactUrl } from '../../helpers/redactUrl';
import type { ItemResult, PlannedMessage } from './sendModel';
import type { InsiderFailure } from '../../transport/insiderErrors';
import type { AcceptedItem } from './sendErrors';
import { failureError, partialSendError } from './sendErrors';

/** What happened to every input item: refused before sending, or sent with a result. */
export interface SendOutcomes {
	itemCount: number;
	invalid: Map<number, Error>;
	planned: Map<number, PlannedMessage>;
	results: Map<number, ItemResult>;
}

/**
 * One output item per input item, in input order, linked by pairedItem. Without Continue On
 * Fail a failure is thrown instead, listing what Insider had already accepted.
 */
export function outputItems(
	node: INode,
	outcome: SendOutcomes,
	continueOnFail: boolean,
): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	const accepted: AcceptedItem[] = [];
	let firstFailure: { itemIndex: number; failure: InsiderFailure } | undefined;

	for (let itemIndex = 0; itemIndex < outcome.itemCount; itemIndex++) {
		const pairedItem = { item: itemIndex };
		const validationError = outcome.invalid.get(itemIndex);
		if (validationError) {
			output.push({ json: { error: validationError.message, status: 'invalid' }, pairedItem });
			continue;
		}
		const message = outcome.planned.get(itemIndex) as PlannedMessage;
		const result = outcome.results.get(itemIndex) as ItemResult;
		const phoneNumber = message.outgoing.phoneNumber;
		const json: IDataObject = { phoneNumber };
		if (result.status === 'accepted') {
			json.key = result.key;
			json.status = 'accepted';
			accepted.push({ itemIndex, key: result.key, phoneNumber });
		} else {
			firstFailure = firstFailure ?? { itemIndex, failure: result.failure };
			json.error = result.failure.message;
			json.errorDescription = result.failure.description;
			json.status = result.status;
		}
		if (message.from) json.from = message.from;
		if (message.callbackUrl) json.callbackUrl = redactUrl(message.callbackUrl);
		output.push({ json, pairedItem });
	}

	if (firstFailure && !continueOnFail) {
		if (accepted.length === 0) {
			throw failureError(node, firstFailure.failure, firstFailure.itemIndex);
		}
		throw partialSendError(node, firstFailure, accepted, outcome.itemCount);
	}
	return output;
}
