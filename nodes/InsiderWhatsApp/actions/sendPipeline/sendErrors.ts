/** The errors the user sees for a send: a field to fix, Insider's refusal, a partial send. */
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { ExpressionError, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { WaitReferenceError } from '../../../shared/waitReference';
import { MessageInputError } from '../../helpers/messages/messageInput';
import type { InsiderFailure } from '../../transport/insiderErrors';

/**
 * A field the user must fix, named with its item; n8n's own errors (an expression it refused)
 * reach the user exactly as n8n made them.
 */
export function toValidationError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): Error {
	if (error instanceof MessageInputError || error instanceof WaitReferenceError) {
		return new NodeOperationError(
			context.getNode(),
			`Item ${itemIndex}, ${error.field}: ${error.problem}`,
			{
				itemIndex,
				description: `Fix the "${error.field}" value of item ${itemIndex}. Nothing was sent for this item.`,
			},
		);
	}
	if (error instanceof NodeOperationError || error instanceof ExpressionError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

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
