/**
 * Read Callback Events' deduplication through n8n's own store (a stand-in that keeps n8n's
 * unlocked read-then-write, see test/support/deduplicationStore.ts), in n8n-core's engine.
 */
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedOptions,
	IExecuteFunctions,
} from 'n8n-workflow';

import { recordNewIdentities } from '../../nodes/InsiderWhatsApp/actions/event/processedEvents';
import type { DeduplicationStore } from '../support/deduplicationStore';
import { useDeduplicationStore } from '../support/deduplicationStore';
import { jsonOf, post, read } from '../support/readCallbackEventsEngine';
import { sample } from '../trigger/expectedItems';

let store: DeduplicationStore;
beforeAll(async () => (store = await useDeduplicationStore()));
beforeEach(() => store.clear());

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

describe('an n8n without the deduplication store (before 1.64)', () => {
	test('Deduplicate on: a clear error naming the version; off: read as usual', async () => {
		const { execute } = await import(
			'../../nodes/InsiderWhatsApp/actions/event/readCallbackEvents.operation'
		);
		const { NodeOperationError } = await import('n8n-workflow');
		const body = { key: 'whatsapp-old', status: 'sent' };
		// Only what Read Callback Events asks of n8n, with the helpers n8n before 1.64 had.
		const contextOf = (deduplicate: boolean) =>
			({
				getInputData: () => [{ json: { body, headers: {} } }],
				getNodeParameter: (name: string) =>
					({ events: ['sent'], options: { deduplicate }, bodyField: 'body' })[name],
				continueOnFail: () => false,
				getNode: () => ({ name: 'Read', type: 'n8n-nodes-insider-whatsapp.insiderWhatsApp' }),
				helpers: {},
			}) as unknown as IExecuteFunctions;
		await expect(execute.call(contextOf(true))).rejects.toThrow(
			new NodeOperationError(
				contextOf(true).getNode(),
				'Deduplicate needs n8n 1.64.0 or later: this n8n has no deduplication store',
			).message,
		);
		const items = await execute.call(contextOf(false));
		expect(items.map((item) => item.json.event)).toEqual(['sent']);
	});
});
