/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sample keys */
/**
 * The items the sample payloads must give, and the helpers to write expected items: fields
 * default to null, and RECEIVED_AT marks a timestamp that is the time of receipt.
 */
import fs from 'fs';
import path from 'path';

/** Stands for "the time the request arrived" where a payload carries no time of its own. */
export const RECEIVED_AT = '<time of receipt>';

export interface ExpectedItem {
	event: string;
	key: string | null;
	messageId: string | null;
	phoneNumber: string | null;
	timestamp: string;
	error: Record<string, unknown> | null;
	reply: Record<string, unknown> | null;
	text: string | null;
	phoneNumberId: string | null;
	messageType: string | null;
	media: Record<string, unknown> | null;
	location: Record<string, unknown> | null;
	contacts: Array<Record<string, unknown>> | null;
	reaction: Record<string, unknown> | null;
	raw: unknown;
}

const SAMPLES = path.resolve(__dirname, '../fixtures/insider-samples');
/** A body posted to a callback reader, and the items it must give. */
export interface PayloadCase {
	name: string;
	/** The exact text posted. */
	body: string;
	/** The Content-Type header; null sends none. Default: application/json. */
	contentType?: string | null;
	expectedItems: ExpectedItem[];
}

export const sampleText = (name: string) => fs.readFileSync(path.join(SAMPLES, name), 'utf8');
export const sample = (name: string) => JSON.parse(sampleText(name));
export const firstValue = (name: string) => sample(name).entry[0].changes[0].value;

/** Every item's keys, in the order the README documents, with `raw` last when included. */
export const ITEM_KEYS = [
	'event',
	'key',
	'messageId',
	'phoneNumber',
	'timestamp',
	'error',
	'reply',
	'text',
	'phoneNumberId',
	'messageType',
	'media',
	'location',
	'contacts',
	'reaction',
	'raw',
];

export const item = (fields: Partial<ExpectedItem> & Pick<ExpectedItem, 'event' | 'raw'>) => ({
	key: null,
	messageId: null,
	phoneNumber: null,
	timestamp: RECEIVED_AT,
	error: null,
	reply: null,
	text: null,
	phoneNumberId: null,
	messageType: null,
	media: null,
	location: null,
	contacts: null,
	reaction: null,
	...fields,
});
/** An item's `media`: fields default to null, `voice` to false. */
export const expectedMedia = (fields: Record<string, unknown>) => ({
	id: null,
	mimeType: null,
	sha256: null,
	caption: null,
	filename: null,
	voice: false,
	...fields,
});
export const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

const KEY = 'whatsapp-550e8400-e29b-41d4-a716-446655440000';
/** The business number's id in the Meta samples' `metadata`. */
export const PHONE_NUMBER_ID = '106540352242922';
const WAMID = 'wamid.HBgLMTU1NTAwMDExMTEVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA';

export const accepted = item({
	event: 'accepted',
	key: KEY,
	messageId: WAMID,
	phoneNumber: '+15550001111',
	raw: sample('callback-accepted.json'),
});
export const rateLimited = item({
	event: 'failed',
	key: KEY,
	error: {
		code: 130429,
		title: 'OAuthException',
		message: '(#130429) Rate limit hit',
		details:
			'Message failed to send because there were too many messages sent from this phone number in a short period of time',
	},
	raw: sample('callback-error.json'),
});
export const delivered = item({
	event: 'delivered',
	messageId: WAMID,
	phoneNumber: '+15550001111',
	timestamp: iso(1750263773),
	phoneNumberId: PHONE_NUMBER_ID,
	raw: firstValue('meta-status-webhook.json').statuses[0],
});
export const outsideWindow = item({
	event: 'failed',
	messageId: WAMID,
	phoneNumber: '+15550001111',
	timestamp: iso(1750263775),
	phoneNumberId: PHONE_NUMBER_ID,
	error: {
		code: 131047,
		title: 'Re-engagement message',
		message: 'Re-engagement message',
		details:
			'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
	},
	raw: firstValue('meta-status-failed-webhook.json').statuses[0],
});
export const buttonTap = item({
	event: 'reply',
	messageId: 'wamid.HBgLMTU1NTAwMDExMTEVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
	phoneNumber: '+15550001111',
	timestamp: iso(1750263800),
	reply: { type: 'button', id: 'updates_yes', title: 'Yes please', contextMessageId: WAMID },
	phoneNumberId: PHONE_NUMBER_ID,
	messageType: 'interactive',
	raw: firstValue('meta-button-reply-webhook.json').messages[0],
});

/**
 * The expected items with RECEIVED_AT replaced by the item's own timestamp when that lies
 * between `before` and `after`, so a toEqual against the actual items checks it too.
 */
export function resolveReceivedAt(
	expected: ExpectedItem[],
	actual: Array<Record<string, unknown>>,
	before: Date,
	after: Date,
): ExpectedItem[] {
	return expected.map((expectedItem, index) => {
		if (expectedItem.timestamp !== RECEIVED_AT) return expectedItem;
		const stamp = String(actual[index]?.timestamp ?? '');
		const time = Date.parse(stamp);
		const inWindow = time >= before.getTime() && time <= after.getTime();
		return inWindow ? { ...expectedItem, timestamp: stamp } : expectedItem;
	});
}
