/**
 * Payloads the sandbox posts, shaped like the samples in test/fixtures/insider-samples: Insider's
 * accepted event, Meta status envelopes and Meta inbound-message envelopes, each carrying
 * Insider's key at the top level.
 */
import { randomBytes } from 'crypto';

import { DEFAULT_PHONE_NUMBER_ID } from './options';

const WABA_ID = '102290129340398';

export const newWaMessageId = () => `wamid.${randomBytes(24).toString('base64')}`;
const unixSeconds = (at = Date.now()) => String(Math.floor(at / 1000));
const digits = (phoneNumber: string) => phoneNumber.replace(/^\+/, '');

function metaEnvelope(
	business: { businessNumber: string; phoneNumberId?: string },
	value: Record<string, unknown>,
	key?: string,
) {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: WABA_ID,
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: {
								display_phone_number: business.businessNumber,
								phone_number_id: business.phoneNumberId ?? DEFAULT_PHONE_NUMBER_ID,
							},
							...value,
						},
					},
				],
			},
		],
		...(key ? { key } : {}),
	};
}

export function acceptedEvent(key: string, phoneNumber: string, waMessageId: string) {
	return {
		messaging_product: 'whatsapp',
		contacts: [{ input: phoneNumber, wa_id: digits(phoneNumber) }],
		messages: [{ id: waMessageId }],
		key,
	};
}

export function statusEvent(
	businessNumber: string,
	key: string,
	phoneNumber: string,
	waMessageId: string,
	status: 'sent' | 'delivered' | 'read' | 'failed',
	phoneNumberId?: string,
) {
	const entry: Record<string, unknown> = {
		id: waMessageId,
		status,
		timestamp: unixSeconds(),
		recipient_id: digits(phoneNumber),
	};
	if (status === 'failed') {
		entry.errors = [
			{
				code: 131047,
				title: 'Re-engagement message',
				message: 'Re-engagement message',
				error_data: {
					details:
						'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
				},
			},
		];
	} else if (status !== 'read') {
		entry.pricing = { billable: true, pricing_model: 'PMP', type: 'regular', category: 'service' };
	}
	return metaEnvelope({ businessNumber, phoneNumberId }, { statuses: [entry] }, key);
}

export interface Inbound {
	businessNumber: string;
	phoneNumberId?: string;
	phoneNumber: string;
	/** The inbound message's id; a new one when absent. */
	waMessageId?: string;
	contactName?: string;
	/** The message being answered (a tap always answers one). */
	context?: { waMessageId: string; key?: string };
}

/** One inbound message as Meta reports it: sender, id, time, and `message` (type and its fields). */
export function inboundEntry(inbound: Inbound, message: Record<string, unknown>) {
	const entry: Record<string, unknown> = {
		from: digits(inbound.phoneNumber),
		id: inbound.waMessageId ?? newWaMessageId(),
		timestamp: unixSeconds(),
		...message,
	};
	if (inbound.context)
		entry.context = { from: inbound.businessNumber, id: inbound.context.waMessageId };
	return entry;
}

/** Meta's inbound-message envelope around one entry, with Insider's key when it answers a message. */
export function inboundEnvelope(inbound: Inbound, entry: Record<string, unknown>) {
	return metaEnvelope(
		inbound,
		{
			contacts: [
				{
					profile: { name: inbound.contactName ?? 'Sandbox User' },
					wa_id: digits(inbound.phoneNumber),
				},
			],
			messages: [entry],
		},
		inbound.context?.key,
	);
}
