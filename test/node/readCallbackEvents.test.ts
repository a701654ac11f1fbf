/**
 * Read Callback Events in n8n-core's engine, fed items as n8n's Webhook node makes them: the
 * trigger's payload table gives the trigger's items; every item's events point at it; bodies
 * that hold no JSON fail naming the item. Deduplication: readCallbackEventsDedupe.test.ts.
 */
import { CALLBACK_EVENT_NAMES, CALLBACK_EVENT_OPTIONS } from '../../nodes/shared/callbackEvent';
import { InsiderWhatsApp } from '../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import type { DeduplicationStore } from '../support/deduplicationStore';
import { useDeduplicationStore } from '../support/deduplicationStore';
import {
	contentTypeOf,
	jsonOf,
	post,
	read,
	webhookItem,
} from '../support/readCallbackEventsEngine';
import { item, ITEM_KEYS, sample, sampleText } from '../trigger/expectedItems';
import { PAYLOAD_CASES, REFUSED_BODIES, resolveReceivedAt } from '../trigger/payloadCases';

let store: DeduplicationStore;
beforeAll(async () => (store = await useDeduplicationStore()));
beforeEach(() => store.clear());

describe("every body of the trigger's payload table gives the trigger's items", () => {
	test.each(PAYLOAD_CASES.map((c) => [c.name, c] as const))(
		'%s (Webhook node with Raw Body)',
		async (_name, payloadCase) => {
			const before = new Date();
			const result = await read([webhookItem(payloadCase.body, contentTypeOf(payloadCase))]);
			const after = new Date();
			expect(result.error).toBeUndefined();
			const items = jsonOf(result);
			expect(items).toEqual(resolveReceivedAt(payloadCase.expectedItems, items, before, after));
			expect(result.items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(
				true,
			);
		},
	);

	const readableWithoutRawBody = PAYLOAD_CASES.filter((c) =>
		['application/json', 'text/plain'].includes(
			String(contentTypeOf(c)).split(';')[0].toLowerCase(),
		),
	);
	test.each(readableWithoutRawBody.map((c) => [c.name, c] as const))(
		'%s (Webhook node without Raw Body)',
		async (_name, payloadCase) => {
			const before = new Date();
			const result = await read([webhookItem(payloadCase.body, contentTypeOf(payloadCase), false)]);
			const after = new Date();
			const items = jsonOf(result);
			expect(items).toEqual(resolveReceivedAt(payloadCase.expectedItems, items, before, after));
		},
	);

	test.each(REFUSED_BODIES.map((c) => [c.name, c] as const))(
		'%s fails naming the item and the field',
		async (_name, refused) => {
			const result = await read([webhookItem(refused.body, contentTypeOf(refused))]);
			expect(result.items).toEqual([]);
			const expected = refused.reason ?? '\\S.*';
			expect(result.error?.message).toMatch(
				new RegExp(`^Item 0, Body Field "body": holds no JSON: ${expected}$`),
			);
		},
	);
});

describe('input items', () => {
	test("each input's events point at it, in input order", async () => {
		const result = await read([
			post(sample('meta-status-webhook.json')),
			post({ entry: [] }),
			post([sample('callback-accepted.json'), sample('meta-button-reply-webhook.json')]),
		]);
		expect(result.items.map((item) => [item.json.event, item.pairedItem])).toEqual([
			['delivered', { item: 0 }],
			['unknown', { item: 1 }],
			['accepted', { item: 2 }],
			['reply', { item: 2 }],
		]);
	});

	test('a body field that is missing stops the node, naming the item and the field', async () => {
		const result = await read([post(sample('meta-status-webhook.json')), { json: { other: 1 } }]);
		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe('Item 1, Body Field "body": holds no JSON: it is empty');
		expect(result.error?.description).toMatch(/Body Field/);
	});

	test('under Continue On Fail the item becomes an error item and the others are read', async () => {
		const result = await read(
			[{ json: { body: 'not json' } }, post(sample('callback-accepted.json'))],
			{},
			true,
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json.error).toMatch(/^Item 0, Body Field "body": holds no JSON: \S/);
		expect(result.items[1].json.event).toBe('accepted');
	});

	test("a form body without the Webhook node's raw bytes is refused, saying how to fix it", async () => {
		const form = webhookItem(
			sampleText('meta-status-webhook.json'),
			'application/x-www-form-urlencoded',
			false,
		);
		const result = await read([form]);
		expect(result.error?.message).toMatch(
			/^Item 0, Body Field "body": the request was sent as a form \(application\/x-www-form-urlencoded\)/,
		);
		expect(result.error?.description).toMatch(/Raw Body/);
	});

	test('Body Field takes a nested object, an array or JSON text', async () => {
		const result = await read(
			[
				{ json: { data: { callback: sample('callback-accepted.json') } } },
				{ json: { data: { callback: [sample('meta-status-webhook.json')] } } },
				{ json: { data: { callback: sampleText('meta-button-reply-webhook.json') } } },
			],
			{ bodyField: 'data.callback' },
		);
		expect(jsonOf(result).map((item) => item.event)).toEqual(['accepted', 'delivered', 'reply']);
	});

	test('Raw Body Field names where the bytes are', async () => {
		const { json, binary } = webhookItem(sampleText('callback-error.json'), 'text/plain');
		const result = await read([{ json, binary: { request: binary!.data } }], {
			options: { rawBodyField: 'request' },
		});
		expect(jsonOf(result).map((item) => item.event)).toEqual(['failed']);
	});

	test('the events filter and Include Raw work as on the trigger', async () => {
		const value = {
			statuses: [
				{ id: 'w1', status: 'sent', timestamp: '1750263771' },
				{ id: 'w1', status: 'read', timestamp: '1750263772' },
			],
		};
		const result = await read([post(value)], { events: ['read'], options: { includeRaw: false } });
		const expected: Record<string, unknown> = item({
			event: 'read',
			messageId: 'w1',
			timestamp: '2025-06-18T16:22:52.000Z',
			raw: null,
		});
		delete expected.raw;
		expect(jsonOf(result)).toEqual([expected]);
		expect(Object.keys(jsonOf(result)[0])).toEqual(ITEM_KEYS.filter((key) => key !== 'raw'));
	});
});

describe('the node description', () => {
	const description = new InsiderWhatsApp().description;

	test('offers the Event resource with Read Callback Events, needing no Insider API key', () => {
		const resource = description.properties.find((property) => property.name === 'resource');
		expect(resource?.options).toContainEqual({ name: 'Event', value: 'event' });
		const operation = description.properties.find(
			(property) =>
				property.name === 'operation' && property.displayOptions?.show?.resource?.includes('event'),
		);
		expect(operation?.options).toEqual([
			expect.objectContaining({ name: 'Read Callback Events', value: 'parse' }),
		]);
		expect(description.credentials).toEqual([
			expect.objectContaining({
				name: 'insiderWhatsAppApi',
				displayOptions: { show: { resource: ['message', 'media'] } },
			}),
		]);
	});

	test("offers the trigger's events, all chosen by default", () => {
		const events = description.properties.find((property) => property.name === 'events');
		expect(events?.options).toBe(CALLBACK_EVENT_OPTIONS);
		expect(events?.default).toEqual(CALLBACK_EVENT_NAMES);
	});
});
