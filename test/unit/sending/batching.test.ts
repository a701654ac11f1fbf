import {
	BatchAssembler,
	batchesOf,
	streamedBatches,
} from '../../../nodes/InsiderWhatsApp/actions/sendPipeline/batching';
import type {
	Batch,
	BatchSource,
	PlannedMessage,
} from '../../../nodes/InsiderWhatsApp/actions/sendPipeline/sendModel';

const message = (itemIndex: number, extra: Partial<PlannedMessage> = {}): PlannedMessage => ({
	itemIndex,
	outgoing: { phoneNumber: `+1555000${String(itemIndex).padStart(4, '0')}`, message: {} },
	endpoint: 'conversational',
	...extra,
});

/** Every batch a source hands out, as the item indexes of each. */
function drain(source: BatchSource): number[][] {
	const batches: Batch[] = [];
	for (let batch = source(); batch; batch = source()) batches.push(batch);
	return batches.map((batch) => batch.entries.map((entry) => entry.itemIndex));
}

describe('batchesOf', () => {
	it('cuts 120 messages into requests of 50, 50 and 20, in input order', () => {
		const messages = Array.from({ length: 120 }, (_, i) => message(i));
		const batches = drain(batchesOf(messages, 50));
		expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
		expect(batches.flat()).toEqual(messages.map((m) => m.itemIndex));
	});

	it('never mixes endpoints, senders or callback URLs in one request', () => {
		const messages = [
			message(0),
			message(1, { endpoint: 'transactional' }),
			message(2, { from: '+15550000001' }),
			message(3),
			message(4, { callbackUrl: 'https://n8n.example.com/webhook/x/webhook' }),
			message(5, { from: '+15550000001' }),
		];
		const source = batchesOf(messages, 50);
		const batches: Batch[] = [];
		for (let batch = source(); batch; batch = source()) batches.push(batch);
		expect(batches.map((b) => b.entries.map((e) => e.itemIndex))).toEqual([
			[0, 3],
			[1],
			[2, 5],
			[4],
		]);
		for (const batch of batches)
			for (const entry of batch.entries) {
				expect(entry.endpoint).toBe(batch.endpoint);
				expect(entry.from).toBe(batch.from);
				expect(entry.callbackUrl).toBe(batch.callbackUrl);
			}
	});

	it('orders requests by their first item when groups fill at different times', () => {
		const messages = [0, 1, 2, 3, 4].map((i) => message(i, i % 2 ? { from: '+15550000002' } : {}));
		expect(drain(batchesOf(messages, 2))).toEqual([[0, 2], [1, 3], [4]]);
	});

	it('gives nothing for no messages', () => {
		expect(drain(batchesOf([], 50))).toEqual([]);
	});
});

describe('streamedBatches', () => {
	it('asks for a message only when a batch is needed, and hands a group out as soon as it is full', () => {
		let asked = 0;
		const source = streamedBatches(() => (asked < 7 ? message(asked++) : undefined), 3);
		expect(source()?.entries.map((e) => e.itemIndex)).toEqual([0, 1, 2]);
		expect(asked).toBe(3);
		expect(source()?.entries.map((e) => e.itemIndex)).toEqual([3, 4, 5]);
		expect(asked).toBe(6);
		expect(source()?.entries.map((e) => e.itemIndex)).toEqual([6]);
		expect(source()).toBeUndefined();
	});

	it('flushes the groups not yet full in the order of their first item', () => {
		const messages = [
			message(0, { from: '+15550000002' }),
			message(1),
			message(2, { from: '+15550000002' }),
		];
		let next = 0;
		expect(drain(streamedBatches(() => messages[next++], 5))).toEqual([[0, 2], [1]]);
	});
});

describe('BatchAssembler', () => {
	it('keys groups safely: a sender named like an Object property is just a sender', () => {
		const assembler = new BatchAssembler(2);
		expect(assembler.add(message(0, { from: '__proto__' }))).toBeUndefined();
		expect(assembler.add(message(1, { from: 'constructor' }))).toBeUndefined();
		expect(
			assembler.add(message(2, { from: '__proto__' }))?.entries.map((e) => e.itemIndex),
		).toEqual([0, 2]);
		expect(assembler.flush().map((b) => b.from)).toEqual(['constructor']);
	});
});
