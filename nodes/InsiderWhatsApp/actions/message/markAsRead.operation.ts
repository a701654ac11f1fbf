/**
 * Mark as Read: `POST {Base URL}/v1/{phoneNumberId}/messages` with Meta's read receipt, one
 * request per item. It sends no message, so it is outside the 24-hour window and the send
 * pipeline, but under the same key's rate limiter, retries, Stop and errors.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ReadReceiptInput } from '../../helpers/readReceiptInput';
import { readReceiptInput } from '../../helpers/readReceiptInput';
import { readReceiptBody, sendReadReceipt } from '../../transport/readReceipt';
import type { ItemRequests } from '../itemRequests';
import { runItemRequests } from '../itemRequests';
import { ParameterReader } from '../parameterReader';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const parameters = new ParameterReader(this);
	const markAsRead: ItemRequests<ReadReceiptInput, unknown> = {
		check: async (itemIndex, kit) =>
			readReceiptInput(
				(name, fallback) => parameters.get(name, itemIndex, fallback),
				kit.connection.phoneNumberId,
			),
		request: async (input, kit) =>
			await kit.withRetries(
				async () =>
					await sendReadReceipt(
						this,
						kit.connection.baseUrl,
						input.phoneNumberId,
						readReceiptBody(input.messageId, input.typing),
					),
			),
		output: (input) => ({
			json: {
				messageId: input.messageId,
				phoneNumberId: input.phoneNumberId,
				typing: input.typing,
				status: 'read',
			},
		}),
		identify: (input) => ({ messageId: input.messageId, phoneNumberId: input.phoneNumberId }),
	};
	return await runItemRequests(this, parameters, markAsRead);
}
