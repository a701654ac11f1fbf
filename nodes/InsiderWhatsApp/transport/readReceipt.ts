import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiPurpose } from './apiFailures';
import type { ApiOutcome } from './apiRequest';
import { callInsider } from './apiRequest';

const MARK_AS_READ: ApiPurpose = {
	action: 'mark the message as read',
	check:
		"Check Message ID (the trigger's messageId: a message the contact sent to this business number) and Phone Number ID (Meta's ID of the business number, the trigger's phoneNumberId); the key needs Insider's Conversational API.",
};

/** Meta's read receipt (with "typing…" when `typing`), for `POST /v1/{phoneNumberId}/messages`. */
export function readReceiptBody(messageId: string, typing: boolean): IDataObject {
	return {
		messaging_product: 'whatsapp',
		status: 'read',
		message_id: messageId,
		...(typing ? { typing_indicator: { type: 'text' } } : {}),
	};
}

/** Marks the contact's message read (and shows "typing…"): Insider answers Meta's `{"success":true}`. */
export async function sendReadReceipt(
	context: IExecuteFunctions,
	baseUrl: string,
	phoneNumberId: string,
	body: IDataObject,
): Promise<ApiOutcome<IDataObject>> {
	const outcome = await callInsider(
		context,
		{
			method: 'POST',
			url: `${baseUrl}/v1/${encodeURIComponent(phoneNumberId)}/messages`,
			headers: { 'Content-Type': 'application/json' },
			body,
			json: true,
		},
		MARK_AS_READ,
	);
	if (outcome.kind !== 'accepted') return outcome;
	const answer = outcome.value.body;
	return {
		kind: 'accepted',
		value: typeof answer === 'object' && answer !== null ? (answer as IDataObject) : {},
	};
}
