/**
 * Bodies built to hurt, posted to the trigger and to Read Callback Events in n8n-core's engine
 * (issue 19): work is bounded by the caps, a malformed part never loses the good events of its
 * body, and prototype words are no status (the trigger's memory of events: deduplicator.test.ts).
 */
import { CALLBACK_EVENT_NAMES } from '../../nodes/shared/callbackEvent';
import { CALLBACK_LIMITS } from '../../nodes/shared/callbackLimits';
import { CUT_MARK, MAX_RAW_DEPTH } from '../../nodes/shared/boundedDepth';
import { normalizeEvents } from '../../nodes/shared/normalizeEvents';
import { callTriggerWebhook } from '../support/engine';
import { jsonOf, read, webhookItem } from '../support/readCallbackEventsEngine';
import { sample } from './expectedItems';
import { requestAsN8nBuildsIt } from './n8nRequest';

let nodeCounter = 0;
const post = (text: string, options: Record<string, string | boolean> = {}) => {
	const request = requestAsN8nBuildsIt(text, 'application/json');
	return callTriggerWebhook({
		parameters: { events: CALLBACK_EVENT_NAMES, authentication: 'none', options },
		body: request.body,
		rawBody: request.rawBody,
		headers: request.headers,
		nodeId: `hostile-${++nodeCounter}`,
	});
};

const zeros = (count: number) => `[${'0,'.repeat(count - 1)}0]`;
const nested = (depth: number) => `${'['.repeat(depth)}0${']'.repeat(depth)}`;
const goodStatus = { key: 'whatsapp-good', status: 'delivered', timestamp: '1750263800' };

describe('one body costs bounded work', () => {
	test('8 MB of zeros in an array is refused with 413 and emits nothing', async () => {
		const result = await post(zeros(4_000_000));
		expect(result.status).toBe(413);
		expect(result.responseBody).toEqual({
			message: `The body is too large: its JSON array holds 4000000 values; the limit is ${CALLBACK_LIMITS.payloadsPerBody}`,
		});
		expect(result.items).toBeUndefined();
	});

	test('an array of values that are no objects is one unknown event', async () => {
		const result = await post(zeros(CALLBACK_LIMITS.payloadsPerBody));
		expect(result.status).toBeUndefined();
		expect(jsonOf({ items: result.items ?? [] } as never).map((item) => item.event)).toEqual([
			'unknown',
		]);
	});

	test('more events than the cap in one envelope: 413, nothing emitted', async () => {
		const statuses = Array.from({ length: CALLBACK_LIMITS.eventsPerBody + 1 }, (_, i) => ({
			id: `wamid.${i}`,
			status: 'sent',
		}));
		const result = await post(JSON.stringify({ statuses }));
		expect(result.status).toBe(413);
		expect(result.items).toBeUndefined();
	});

	test('as many events as the cap are all emitted', async () => {
		const statuses = Array.from({ length: CALLBACK_LIMITS.eventsPerBody }, (_, i) => ({
			id: `wamid.${i}`,
			status: 'sent',
		}));
		const result = await post(JSON.stringify({ statuses }));
		expect(result.items).toHaveLength(CALLBACK_LIMITS.eventsPerBody);
	});

	test('many empty entries walked without events: 413 past the element cap', async () => {
		const entry = Array.from({ length: CALLBACK_LIMITS.elementsPerBody + 1 }, () => ({}));
		const result = await post(JSON.stringify({ entry }));
		expect(result.status).toBe(413);
	});
});

describe('a malformed part never loses the good events of its body', () => {
	test('a status nested 3,217 levels deep is one unknown event beside the good ones', async () => {
		const deep = `{"key":"k","status":${nested(3217)}}`;
		const result = await post(`[${JSON.stringify(goodStatus)},${deep}]`);
		expect(result.status).toBeUndefined();
		const items = result.items?.map((item) => item.json) ?? [];
		expect(items.map((item) => [item.event, item.key])).toEqual([
			['delivered', 'whatsapp-good'],
			['unknown', 'k'],
		]);
		// Its raw is kept to a depth n8n can save, with the rest marked as left out.
		expect(JSON.stringify(items[1].raw)).toContain(CUT_MARK);
		expect(() => JSON.stringify(result.items)).not.toThrow();
	});

	test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
		'a status "%s" is an unknown event, never dropped',
		async (word) => {
			const result = await post(`[{"key":"whatsapp-1","status":${JSON.stringify(word)}}]`);
			expect(result.items?.map((item) => item.json.event)).toEqual(['unknown']);
		},
	);

	test.each([
		['a number', 7],
		['an object', { sent: true }],
		['an array', ['sent']],
		['a very long word', 'sent'.repeat(100_000)],
	])('a status that is %s is an unknown event', (_what, status) => {
		expect(normalizeEvents({ key: 'whatsapp-1', status }).map((event) => event.event)).toEqual([
			'unknown',
		]);
	});

	test(`raw is kept whole up to ${MAX_RAW_DEPTH} levels`, () => {
		const deepButFine = JSON.parse(`{"key":"k","status":"sent","x":${nested(MAX_RAW_DEPTH - 2)}}`);
		expect(normalizeEvents(deepButFine)[0].raw).toBe(deepButFine);
	});
});

describe('Read Callback Events with the same bodies', () => {
	test('a body over the caps fails the node naming the item, or is an error item', async () => {
		const hostile = webhookItem(zeros(2000), 'application/json');
		const good = webhookItem(JSON.stringify(goodStatus), 'application/json');
		const failed = await read([good, hostile]);
		expect(failed.error?.message).toBe(
			`Item 1, Body Field "body": is too large: its JSON array holds 2000 values; the limit is ${CALLBACK_LIMITS.payloadsPerBody}`,
		);
		const continued = await read([good, hostile], { options: { deduplicate: false } }, true);
		expect(continued.error).toBeUndefined();
		expect(jsonOf(continued).map((item) => item.event ?? item.error)).toEqual([
			'delivered',
			failed.error?.message,
		]);
	});

	test('a deeply nested status never fails the node under Continue On Fail', async () => {
		const deep = `[${JSON.stringify(goodStatus)},{"key":"k","status":${nested(3217)}}]`;
		const result = await read(
			[webhookItem(deep, 'application/json')],
			{ options: { deduplicate: false } },
			true,
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((item) => item.event)).toEqual(['delivered', 'unknown']);
	});
});

test('the sample status envelope still reads as before', async () => {
	const result = await post(JSON.stringify(sample('meta-status-webhook.json')));
	expect(result.items?.map((item) => item.json.event)).toEqual(['delivered']);
});
