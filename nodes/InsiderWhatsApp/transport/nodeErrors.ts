import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { InsiderFailure } from './insiderErrors';

/** Items accepted before a run had to stop, listed so nobody sends them again. */
export interface AcceptedItem {
	itemIndex: number;
	key: string;
	phoneNumber: string;
}

const LISTED_AT_MOST = 100;

/** Insider's refusal of one item, as the error n8n shows. */
export function failureError(node: INode, failure: InsiderFailure, itemIndex: number) {
	return new NodeApiError(node, failure.body ?? { message: failure.message }, {
		message: failure.message,
		description: failure.description,
		httpCode: failure.httpCode,
		itemIndex,
	});
}

/** The error thrown when some items were accepted before the run had to stop. */
export function partialSendError(
	node: INode,
	firstFailure: { itemIndex: number; failure: InsiderFailure },
	accepted: AcceptedItem[],
	total: number,
) {
	const listed = accepted
		.slice(0, LISTED_AT_MOST)
		.map((entry) => `item ${entry.itemIndex} (${entry.phoneNumber}): ${entry.key}`)
		.join('\n');
	const more =
		accepted.length > LISTED_AT_MOST ? `\n…and ${accepted.length - LISTED_AT_MOST} more.` : '';
	const { failure } = firstFailure;
	return new NodeApiError(node, failure.body ?? { message: failure.message }, {
		message: `${accepted.length} of ${total} items were already accepted by Insider, then sending stopped: ${failure.message}`,
		description: `Do not run this node again on all items: the accepted ones would be sent twice. ${failure.description}\n\nAccepted (item, phone number, key):\n${listed}${more}`,
		httpCode: failure.httpCode,
		itemIndex: firstFailure.itemIndex,
	});
}
