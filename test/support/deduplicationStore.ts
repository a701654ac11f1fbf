/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * A stand-in for n8n's database-backed deduplication store (DeduplicationHelper in the n8n
 * package, 1.123.81 and 2.41.1 alike), for running nodes in n8n-core's engine without n8n's
 * database. It keeps what n8n keeps and the way n8n keeps it, 'entries' mode: one row per
 * workflow (and node, for scope 'node') holding md5/base64 hashes of the values, trimmed to
 * maxEntries, read and then written back whole with an await between, and no lock, and an
 * insert that fails when another call inserted the row first. The real store is exercised in
 * real n8n by test/e2e/callbacksAtScale.test.ts.
 */
import { createHash } from 'crypto';
import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

interface Row {
	mode: string;
	data: string[];
}

/** Lets other calls run, as a database round trip does. */
const roundTrip = async () => await new Promise<void>((resolve) => setImmediate(resolve));

export class DeduplicationStore implements IDataDeduplicator {
	/** Rows as the database holds them: JSON text, so every read is a fresh copy. */
	private readonly rows = new Map<string, string>();

	/** How many calls ran, to show a node made one call for a whole execution. */
	calls = 0;

	clear() {
		this.rows.clear();
		this.calls = 0;
	}

	private rowKey(scope: DeduplicationScope, contextData: ICheckProcessedContextData) {
		const context = scope === 'node' ? `n:${contextData.node?.id}` : '';
		return `${contextData.workflow.id}|${context}`;
	}

	private async read(key: string): Promise<Row | undefined> {
		await roundTrip();
		const text = this.rows.get(key);
		return text === undefined ? undefined : (JSON.parse(text) as Row);
	}

	private async write(key: string, row: Row, insert: boolean) {
		await roundTrip();
		if (insert && this.rows.has(key))
			throw new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed');
		this.rows.set(key, JSON.stringify(row));
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		if (options.mode !== 'entries') throw new Error('only the entries mode is modelled');
		this.calls++;
		const key = this.rowKey(scope, contextData);
		const hashes = items.map((item) => createHash('md5').update(String(item)).digest('base64'));
		const row = await this.read(key);
		if (!row) {
			const data = options.maxEntries ? hashes.slice(-options.maxEntries) : hashes;
			await this.write(key, { mode: options.mode, data }, true);
			return { new: items, processed: [] };
		}
		const known = new Set(row.data);
		const result: IDeduplicationOutput = { new: [], processed: [] };
		hashes.forEach((hash, index) => {
			if (known.has(hash)) {
				result.processed.push(items[index]);
			} else {
				result.new.push(items[index]);
				row.data.push(hash);
			}
		});
		if (options.maxEntries) row.data.splice(0, row.data.length - options.maxEntries);
		await this.write(key, row, false);
		return result;
	}

	async removeProcessed() {
		throw new Error('not modelled');
	}

	async clearAllProcessedItems() {
		this.rows.clear();
	}

	async getProcessedDataCount() {
		return 0;
	}
}

/** n8n-core's deduplication service, backed by the stand-in; once per test file. */
export async function useDeduplicationStore(): Promise<DeduplicationStore> {
	const store = new DeduplicationStore();
	await DataDeduplicationService.init(store);
	return store;
}
