/**
 * Read Callback Events in n8n-core's engine, fed items as n8n's Webhook node makes them: the
 * trigger's payload table gives the trigger's items; every item's events point at it; bodies
 * that hold no JSON fail naming the item; deduplication goes through n8n's store (a stand-in
 * that keeps n8n's unlocked read-then-write, see test/support/deduplicationStore.ts).
 */
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	IBinaryKeyData,
	ICheckProcessedOptions,
	IDataObject,
	IExecuteFunctions,
} from 'n8n-workflow';

import { CALLBACK_EVENT_NAMES, CALLBACK_EVENT_OPTIONS } from '../../nodes/shared/callbackEvent';
import { recordNewIdentities } from '../../nodes/InsiderWhatsApp/actions/event/processedEvents';
import { InsiderWhatsApp } from '../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import type { DeduplicationStore } from '../support/deduplicationStore';
import { useDeduplicationStore } from '../support/deduplicationStore';
import { runInsiderWhatsApp } from '../support/engine';
import { sample, sampleText } from '../trigger/expectedItems';
import { requestAsN8nBuildsIt } from '../trigger/n8nRequest';
import { PAYLOAD_CASES, REFUSED_BODIES, resolveReceivedAt } from '../trigger/payloadCases';

const CREDENTIALS = { apiKey: 'unused', baseUrl: 'http://127.0.0.1:9' };

/**
 * The item n8n's Webhook node (v2) outputs for a request: headers, params, query and what n8n
 * parsed as `body`; with its Raw Body option, the request's bytes as binary `data` (typed as
 * the request was, or application/json when it had no type).
 */
function webhookItem(text: string, contentType: string | null, rawBody = true) {
	const request = requestAsN8nBuildsIt(text, contentType);
	const json: IDataObject = { headers: request.headers, params: {}, query: {} };
	if (request.body !== undefined) json.body = request.body as IDataObject;
	const binary: IBinaryKeyData | null = rawBody
		? {
				data: {
					data: request.rawBody.toString('base64'),
					mimeType: contentType ?? 'application/json',
				},
			}
		: null;
	return { json, binary };
}

const contentTypeOf = (c: { contentType?: string | null }) =>
	c.contentType === undefined ? 'application/json' : c.contentType;

async function read(
	inputs: Array<{ json: IDataObject; binary?: IBinaryKeyData | null }>,
	parameters: Record<string, unknown> = {},
	continueOnFail = false,
) {
	return await runInsiderWhatsApp({
		parameters: {
			resource: 'event',
			operation: 'parse',
			events: CALLBACK_EVENT_NAMES,
			bodyField: 'body',
			options: {},
			...parameters,
		},
		items: inputs.map((input) => input.json),
		binaries: inputs.map((input) => input.binary ?? null),
		credentials: CREDENTIALS,
		continueOnFail,
	});
}

const jsonOf = (result: Awaited<ReturnType<typeof read>>) => result.items.map((item) => item.json);
const post = (body: unknown) => webhookItem(JSON.stringify(body), 'application/json');

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
		expect(jsonOf(result)).toEqual([
			{
				event: 'read',
				key: null,
				messageId: 'w1',
				phoneNumber: null,
				timestamp: '2025-06-18T16:22:52.000Z',
				error: null,
				reply: null,
				text: null,
			},
		]);
	});
});

describe("deduplication through n8n's store", () => {
	const delivered = () => post(sample('meta-status-webhook.json'));

	test('a retried callback is read once; the retry gives no items and says why', async () => {
		expect(jsonOf(await read([delivered()]))).toHaveLength(1);
		const retry = await read([delivered()]);
		expect(retry.items).toEqual([]);
		const hints = retry.run.data.resultData.runData['Insider WhatsApp'][0].hints;
		expect(hints).toEqual([
			{
				message: '1 event was dropped as already read (Deduplicate is on)',
				location: 'outputPane',
			},
		]);
	});

	test('the same message with a new status is not a duplicate', async () => {
		const read1 = sample('meta-status-webhook.json');
		read1.entry[0].changes[0].value.statuses[0].status = 'read';
		await read([delivered()]);
		expect(jsonOf(await read([post(read1)])).map((item) => item.event)).toEqual(['read']);
	});

	test('duplicates within one execution are dropped, with one call to the store', async () => {
		const result = await read([
			delivered(),
			post([sample('meta-status-webhook.json'), sample('callback-accepted.json')]),
		]);
		expect(result.items.map((item) => [item.json.event, item.pairedItem])).toEqual([
			['delivered', { item: 0 }],
			['accepted', { item: 1 }],
		]);
		expect(store.calls).toBe(1);
	});

	test('unknown payloads are never dropped', async () => {
		await read([post({ something: 'odd' })]);
		expect(jsonOf(await read([post({ something: 'odd' })]))).toHaveLength(1);
		expect(store.calls).toBe(0);
	});

	test('with Deduplicate off, a retry is read again and the store is not used', async () => {
		const parameters = { options: { deduplicate: false } };
		await read([delivered()], parameters);
		expect(jsonOf(await read([delivered()], parameters))).toHaveLength(1);
		expect(store.calls).toBe(0);
	});

	test('History Size bounds what is remembered', async () => {
		const status = (id: string) => post({ key: id, status: 'sent', timestamp: '1750263773' });
		const parameters = { options: { historySize: 2 } };
		await read([status('whatsapp-a')], parameters);
		await read([status('whatsapp-b'), status('whatsapp-c')], parameters);
		expect(jsonOf(await read([status('whatsapp-c')], parameters))).toHaveLength(0);
		expect(jsonOf(await read([status('whatsapp-a')], parameters))).toHaveLength(1);
	});

	test('the store alone lets concurrent calls all see the same value as new', async () => {
		const context = { workflow: { id: 'race', active: true } };
		const options = { mode: 'entries' as const };
		await store.checkProcessedAndRecord(['seed'], 'workflow', context, options);
		const results = await Promise.all(
			Array.from(
				{ length: 5 },
				async () => await store.checkProcessedAndRecord(['same'], 'workflow', context, options),
			),
		);
		expect(results.filter((result) => result.new.length === 1)).toHaveLength(5);
	});

	test('concurrent executions with the same callback give it once', async () => {
		await read([post(sample('callback-accepted.json'))]);
		const results = await Promise.all(
			Array.from({ length: 8 }, async () => await read([delivered()])),
		);
		expect(results.flatMap(jsonOf)).toHaveLength(1);
	});

	test('executions arriving while a call is under way share the next call', async () => {
		const status = (i: number) => post({ key: `whatsapp-${i}`, status: 'sent', timestamp: '1' });
		const results = await Promise.all(
			Array.from({ length: 8 }, async (_, i) => await read([status(i)])),
		);
		expect(results.flatMap(jsonOf)).toHaveLength(8);
		expect(store.calls).toBeLessThan(8);
	});

	test('an event several executions of one batch carry is new for the first of them only', async () => {
		const context = {
			getWorkflow: () => ({ id: 'batch' }),
			helpers: {
				checkProcessedAndRecord: async (
					items: DeduplicationItemTypes[],
					scope: DeduplicationScope,
					options: ICheckProcessedOptions,
				) =>
					await store.checkProcessedAndRecord(
						items,
						scope,
						{ workflow: { id: 'batch', active: true } },
						options,
					),
			},
		} as unknown as IExecuteFunctions;
		// The first request goes to the store at once; the next five wait and go together.
		const first = recordNewIdentities(context, ['x'], 100);
		const batch = Array.from(
			{ length: 5 },
			async (_, i) => await recordNewIdentities(context, i === 0 ? ['y'] : ['z', 'y'], 100),
		);
		expect(await first).toEqual(new Set(['x']));
		expect(await Promise.all(batch)).toEqual([
			new Set(['y']),
			new Set(['z']),
			new Set(),
			new Set(),
			new Set(),
		]);
		expect(store.calls).toBe(2);
	});

	test('concurrent executions lose none of what the others recorded', async () => {
		const status = (i: number) => post({ key: `whatsapp-${i}`, status: 'sent', timestamp: '1' });
		const first = await Promise.all(
			Array.from({ length: 8 }, async (_, i) => await read([status(i)])),
		);
		expect(first.flatMap(jsonOf)).toHaveLength(8);
		const retries = await Promise.all(
			Array.from({ length: 8 }, async (_, i) => await read([status(i)])),
		);
		expect(retries.flatMap(jsonOf)).toHaveLength(0);
	});

	test('the first call of a workflow, raced by another process, is retried and counted once', async () => {
		// Another process inserts the workflow's row between this call's read and its insert.
		const original = store.checkProcessedAndRecord.bind(store);
		let raced = false;
		store.checkProcessedAndRecord = async (items, scope, contextData, options) => {
			if (!raced) {
				raced = true;
				const other = original(['from another process'], scope, contextData, options);
				const mine = original(items, scope, contextData, options);
				await other;
				return await mine;
			}
			return await original(items, scope, contextData, options);
		};
		try {
			const result = await read([delivered()]);
			expect(result.error).toBeUndefined();
			expect(jsonOf(result)).toHaveLength(1);
			expect(jsonOf(await read([delivered()]))).toHaveLength(0);
		} finally {
			store.checkProcessedAndRecord = original;
		}
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
				displayOptions: { show: { resource: ['message'] } },
			}),
		]);
	});

	test("offers the trigger's events, all chosen by default", () => {
		const events = description.properties.find((property) => property.name === 'events');
		expect(events?.options).toBe(CALLBACK_EVENT_OPTIONS);
		expect(events?.default).toEqual(CALLBACK_EVENT_NAMES);
	});
});
