import type { Batch, BatchSource, PlannedMessage } from './sendModel';

/**
 * Collects messages into requests: one group per endpoint, sender and callback URL, each cut
 * into batches of `batchSize`. A batch is handed out as soon as its group fills it.
 */
export class BatchAssembler {
	private readonly open = new Map<string, Batch>();

	constructor(private readonly batchSize: number) {}

	/** Adds a message; returns its group's batch once that batch is full. */
	add(message: PlannedMessage): Batch | undefined {
		const groupKey = JSON.stringify([
			message.endpoint,
			message.from ?? null,
			message.callbackUrl ?? null,
		]);
		let batch = this.open.get(groupKey);
		if (!batch) {
			batch = {
				endpoint: message.endpoint,
				from: message.from,
				callbackUrl: message.callbackUrl,
				entries: [],
			};
			this.open.set(groupKey, batch);
		}
		batch.entries.push(message);
		if (batch.entries.length < this.batchSize) return undefined;
		this.open.delete(groupKey);
		return batch;
	}

	/** The batches not yet full, in the order of their first item. */
	flush(): Batch[] {
		const rest = [...this.open.values()];
		this.open.clear();
		return rest.sort(byFirstItem);
	}
}

function byFirstItem(a: Batch, b: Batch): number {
	return a.entries[0].itemIndex - b.entries[0].itemIndex;
}

/** Every message known up front: requests go out in the order of their first item. */
export function batchesOf(messages: PlannedMessage[], batchSize: number): BatchSource {
	const assembler = new BatchAssembler(batchSize);
	const batches: Batch[] = [];
	for (const message of messages) {
		const full = assembler.add(message);
		if (full) batches.push(full);
	}
	batches.push(...assembler.flush());
	batches.sort(byFirstItem);
	let next = 0;
	return () => batches[next++];
}

/**
 * Messages built on demand: `nextMessage` is asked only when a worker needs a batch, so items
 * are evaluated while earlier requests wait for the rate limit. Undefined ends the input.
 */
export function streamedBatches(
	nextMessage: () => PlannedMessage | undefined,
	batchSize: number,
): BatchSource {
	const assembler = new BatchAssembler(batchSize);
	let rest: Batch[] | undefined;
	return () => {
		while (rest === undefined) {
			const message = nextMessage();
			if (message === undefined) rest = assembler.flush();
			else {
				const full = assembler.add(message);
				if (full) return full;
			}
		}
		return rest.shift();
	};
}
