/**
 * Every kind of body Insider may post, with the exact bytes and content type, and the items it
 * must give (all events chosen, raw included). The table is the contract of reading a callback:
 * the trigger runs it in n8n-core (trigger.test.ts), and both the trigger and Read Callback
 * Events run it in real n8n (test/e2e/callbackBodies.test.ts); any other path that turns a
 * received body into items can run it unchanged.
 */
import type { ExpectedItem } from './expectedItems';
import {
	accepted,
	buttonTap,
	delivered,
	firstValue,
	iso,
	item,
	outsideWindow,
	rateLimited,
	sample,
	sampleText,
} from './expectedItems';
import { largeEnvelope, mixedEnvelope } from './generatedEnvelopes';
import { INBOUND_CASES } from './inboundCases';

export type { ExpectedItem } from './expectedItems';
export { RECEIVED_AT, resolveReceivedAt } from './expectedItems';

export interface PayloadCase {
	name: string;
	/** The exact text posted. */
	body: string;
	/** The Content-Type header; null sends none. Default: application/json. */
	contentType?: string | null;
	expectedItems: ExpectedItem[];
}

export interface RefusedBody {
	name: string;
	body: string;
	contentType?: string | null;
	/** The answer's message is `The body is not JSON: ` and this, when it is ours to word. */
	reason?: string;
}
/** The Content-Type a case is posted with. */
export const contentTypeOf = (body: { contentType?: string | null }) =>
	body.contentType === undefined ? 'application/json' : body.contentType;

const json = (value: unknown) => JSON.stringify(value);

const mixed = mixedEnvelope();
const keyedStatusEnvelope = sample('meta-status-webhook.json');
keyedStatusEnvelope.entry[0].changes[0].value.statuses[0].key = 'whatsapp-in-status';
const large = largeEnvelope(300);
const odd = { hello: 'world', nested: { a: 1 } };
const flatFailed = { key: 'whatsapp-flat-3', status: 'undelivered', timestamp: '1750263900' };
const batch = [
	sample('callback-accepted.json'),
	sample('meta-status-webhook.json'),
	sample('meta-button-reply-webhook.json'),
];
const flatSent = { key: 'whatsapp-in-array', status: 'sent' };
const unclassifiable = [odd, 42, 'text', null, [1, 2], flatSent];

export const PAYLOAD_CASES: PayloadCase[] = [
	{
		name: "Insider's accepted event",
		body: sampleText('callback-accepted.json'),
		expectedItems: [accepted],
	},
	{
		name: "Insider's error event",
		body: sampleText('callback-error.json'),
		expectedItems: [rateLimited],
	},
	{
		name: "Meta's status envelope",
		body: sampleText('meta-status-webhook.json'),
		expectedItems: [delivered],
	},
	{
		name: "Meta's failed status (131047)",
		body: sampleText('meta-status-failed-webhook.json'),
		expectedItems: [outsideWindow],
	},
	{
		name: "Meta's button reply",
		body: sampleText('meta-button-reply-webhook.json'),
		expectedItems: [buttonTap],
	},
	{
		name: "the inner value of an envelope, with Insider's key",
		body: json({ ...firstValue('meta-status-webhook.json'), key: 'whatsapp-inner' }),
		expectedItems: [{ ...delivered, key: 'whatsapp-inner' }],
	},
	{
		name: "a key on Meta's envelope",
		body: json({ ...sample('meta-status-webhook.json'), key: 'whatsapp-outer' }),
		expectedItems: [{ ...delivered, key: 'whatsapp-outer' }],
	},
	{
		name: 'a key on the status itself',
		body: json(keyedStatusEnvelope),
		expectedItems: [
			{
				...delivered,
				key: 'whatsapp-in-status',
				raw: keyedStatusEnvelope.entry[0].changes[0].value.statuses[0],
			},
		],
	},
	{
		name: 'an envelope with several statuses and messages (statuses first, entry by entry)',
		body: json(mixed.body),
		expectedItems: mixed.items,
	},
	{
		name: 'a flat object with key and status',
		body: json({
			key: 'whatsapp-flat',
			status: 'READ',
			timestamp: '2026-11-24T10:00:00Z',
			phoneNumber: '+15550001111',
		}),
		expectedItems: [
			item({
				event: 'read',
				key: 'whatsapp-flat',
				phoneNumber: '+15550001111',
				timestamp: '2026-11-24T10:00:00.000Z',
				raw: {
					key: 'whatsapp-flat',
					status: 'READ',
					timestamp: '2026-11-24T10:00:00Z',
					phoneNumber: '+15550001111',
				},
			}),
		],
	},
	{
		name: 'a flat object with id and event',
		body: json({ id: 'whatsapp-flat-2', event: 'delivered' }),
		expectedItems: [
			item({
				event: 'delivered',
				key: 'whatsapp-flat-2',
				raw: { id: 'whatsapp-flat-2', event: 'delivered' },
			}),
		],
	},
	{
		name: 'a flat failure that says nothing about why',
		body: json(flatFailed),
		expectedItems: [
			item({
				event: 'failed',
				key: 'whatsapp-flat-3',
				timestamp: iso(1750263900),
				error: { code: null, title: null, message: 'failed', details: null },
				raw: flatFailed,
			}),
		],
	},
	{
		name: 'an object of no known shape',
		body: json(odd),
		expectedItems: [item({ event: 'unknown', raw: odd })],
	},
	{
		name: 'a JSON array of payloads, each read on its own',
		body: json(batch),
		expectedItems: [accepted, delivered, buttonTap],
	},
	{
		name: 'a JSON array with values of no known shape: an unknown object each, the other values together one',
		body: json(unclassifiable),
		expectedItems: [
			item({ event: 'unknown', raw: odd }),
			item({ event: 'unknown', raw: [42, 'text', null, [1, 2]] }),
			item({ event: 'sent', key: 'whatsapp-in-array', raw: flatSent }),
		],
	},
	{ name: 'an empty JSON array', body: '[]', expectedItems: [] },
	{ name: 'a JSON number', body: '42', expectedItems: [item({ event: 'unknown', raw: 42 })] },
	{
		name: 'a JSON string',
		body: '"hello"',
		expectedItems: [item({ event: 'unknown', raw: 'hello' })],
	},
	{
		name: 'JSON sent as text/plain',
		body: sampleText('meta-status-webhook.json'),
		contentType: 'text/plain',
		expectedItems: [delivered],
	},
	{
		name: 'a JSON array sent as text/plain',
		body: json(batch),
		contentType: 'text/plain; charset=utf-8',
		expectedItems: [accepted, delivered, buttonTap],
	},
	{
		name: 'JSON sent as text/plain with a byte-order mark',
		body: `\uFEFF${sampleText('callback-accepted.json')}`,
		contentType: 'text/plain',
		expectedItems: [accepted],
	},
	{
		name: 'JSON sent with no content type',
		body: sampleText('callback-error.json'),
		contentType: null,
		expectedItems: [rateLimited],
	},
	{
		name: 'JSON sent as application/octet-stream',
		body: sampleText('meta-button-reply-webhook.json'),
		contentType: 'application/octet-stream',
		expectedItems: [buttonTap],
	},
	{
		name: 'JSON sent as a form',
		body: sampleText('meta-status-failed-webhook.json'),
		contentType: 'application/x-www-form-urlencoded',
		expectedItems: [outsideWindow],
	},
	{
		name: 'an envelope of 300 statuses, one item each',
		body: json(large.body),
		expectedItems: large.items,
	},
	...INBOUND_CASES,
];

/** Bodies that are not JSON: the only ones answered 4xx. */
export const REFUSED_BODIES: RefusedBody[] = [
	{ name: 'text that is not JSON', body: 'not json at all', contentType: 'text/plain' },
	{ name: 'JSON cut short, as text', body: '{"key": "whatsapp-1", ', contentType: 'text/plain' },
	{
		name: 'a form that is not JSON',
		body: 'key=whatsapp-1&status=read',
		contentType: 'application/x-www-form-urlencoded',
	},
	{ name: 'an empty body', body: '', reason: 'it is empty' },
];
