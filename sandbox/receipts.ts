/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * `POST /v1/{PHONE_NUMBER_ID}/messages` with `{"messaging_product":"whatsapp","status":"read",
 * "message_id":…,"typing_indicator"?:{"type":"text"}}`: marks a message the contact sent as read
 * (and, as in WhatsApp, every earlier one of that contact) and optionally shows "typing…" until
 * the business's next message to that contact or `typingIndicatorMs`, whichever comes first.
 */
import type http from 'http';

import type { ApiContext } from './apiGate';
import { admit } from './apiGate';
import { readBody } from './httpIo';
import type { RecordedInbound, RecordedMessage, RecordedReceipt } from './records';
import { Checker, isObject } from './rules/checker';
import { decodeErrorBody, validationErrorBody } from './validation';

export const RECEIPT_PATH = /^\/v1\/([^/]+)\/messages$/;

export interface ReceiptContext extends ApiContext {
	inbound: RecordedInbound[];
	receipts: RecordedReceipt[];
}

function receiptProblems(context: ReceiptContext, phoneNumberId: string, body: unknown) {
	const c = new Checker();
	const expected = context.options.phoneNumberId;
	if (phoneNumberId !== expected)
		c.fail(
			'phone_number_id',
			`must be this account's phone number id ${expected} (got ${JSON.stringify(phoneNumberId)})`,
		);
	if (!isObject(body)) return (c.fail('body', 'must be a JSON object'), { c });
	c.oneOf('messaging_product', body.messaging_product, ['whatsapp']);
	c.oneOf('status', body.status, ['read']);
	const messageId = c.text('message_id', body.message_id);
	const inbound = context.inbound.find((m) => m.waMessageId === messageId);
	if (messageId !== undefined && !inbound)
		c.fail('message_id', 'unknown: no message the contact sent has this id');
	const typing = c.object('typing_indicator', body.typing_indicator, false);
	if (typing) c.oneOf('typing_indicator.type', typing.type, ['text']);
	return { c, inbound, typing: typing !== undefined };
}

export async function handleReceipt(
	context: ReceiptContext,
	phoneNumberId: string,
	request: http.IncomingMessage,
	response: http.ServerResponse,
) {
	const raw = (await readBody(request)).toString('utf8');
	const endpoint = `/v1/${phoneNumberId}/messages`;
	const call = await admit(context, 'read', endpoint, request, response, raw);
	if (!call) return;
	let body: unknown;
	try {
		body = JSON.parse(raw);
	} catch (error) {
		return call.answer(400, decodeErrorBody((error as Error).message));
	}
	const { c, inbound, typing } = receiptProblems(context, phoneNumberId, body);
	if (c.problems.length || !inbound) return call.answer(400, validationErrorBody(c.problems));

	const at = new Date().toISOString();
	// The list is in the order the contact sent: this message and the ones before it.
	for (const earlier of context.inbound.slice(0, context.inbound.indexOf(inbound) + 1)) {
		if (earlier.phoneNumber !== inbound.phoneNumber || earlier.status === 'read') continue;
		Object.assign(earlier, { status: 'read', readAt: at });
	}
	context.receipts.push({
		at,
		requestId: call.log.id,
		messageId: inbound.waMessageId,
		phoneNumber: inbound.phoneNumber,
		typing,
		apiKey: call.log.apiKey,
	});
	call.succeed({ success: true });
}

export interface TypingIndicator {
	phoneNumber: string;
	since: string;
	until: string;
}

/** The typing indicators showing now: per contact, the latest one not yet ended. */
export function activeTyping(
	receipts: RecordedReceipt[],
	messages: RecordedMessage[],
	durationMs: number,
	now = Date.now(),
): TypingIndicator[] {
	const latest = new Map<string, RecordedReceipt>();
	for (const receipt of receipts) if (receipt.typing) latest.set(receipt.phoneNumber, receipt);
	return [...latest.values()].flatMap((receipt) => {
		const until = Date.parse(receipt.at) + durationMs;
		const answered = messages.some(
			(m) => m.phoneNumber === receipt.phoneNumber && m.receivedAt >= receipt.at,
		);
		if (answered || now >= until) return [];
		const indicator = {
			phoneNumber: receipt.phoneNumber,
			since: receipt.at,
			until: new Date(until).toISOString(),
		};
		return [indicator];
	});
}
