import { sleep } from 'n8n-workflow';

import type { OutgoingMessage } from '../helpers/quickReplyMessage';
import { backoffDelay } from './backoff';
import type { InsiderFailure } from './insiderErrors';
import { notSentAfterStop } from './insiderErrors';
import type { SendOutcome } from './insiderClient';
import { RequestRateLimiter } from './rateLimiter';

/** One validated message and the input item it came from. */
export interface PlannedMessage {
	itemIndex: number;
	outgoing: OutgoingMessage;
	from?: string;
	callbackUrl?: string;
}

/** Messages that travel in one request: same sender, same callback URL. */
export interface Batch {
	from?: string;
	callbackUrl?: string;
	entries: PlannedMessage[];
}

export type ItemResult =
	| { status: 'accepted'; key: string }
	/** failed: definitely not sent; unknown: may have been sent; notSent: never tried. */
	| { status: 'failed' | 'unknown' | 'notSent'; failure: InsiderFailure };

/** A request's final outcome, once retries are over. */
type SettledOutcome = Exclude<SendOutcome, { kind: 'retry' }>;

export interface DispatchSettings {
	requestsPerSecond: number;
	maxRetries: number;
	/** Without Continue On Fail the node fails anyway: send no further batch after a failure. */
	stopAfterFirstFailure: boolean;
}

/** Groups messages by sender and callback URL and cuts each group into requests of `batchSize`. */
export function planBatches(messages: PlannedMessage[], batchSize: number): Batch[] {
	const groups = new Map<string, PlannedMessage[]>();
	for (const message of messages) {
		const groupKey = JSON.stringify([message.from ?? null, message.callbackUrl ?? null]);
		const group = groups.get(groupKey) ?? [];
		group.push(message);
		groups.set(groupKey, group);
	}
	const batches: Batch[] = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += batchSize) {
			const entries = group.slice(start, start + batchSize);
			batches.push({ from: entries[0].from, callbackUrl: entries[0].callbackUrl, entries });
		}
	}
	// Requests go out in the order of their first item, so input order is kept where it can be.
	return batches.sort((a, b) => a.entries[0].itemIndex - b.entries[0].itemIndex);
}

/**
 * Sends every batch through one rate limiter, retrying only what Insider certainly did not
 * accept, and splitting a request Insider rejected as invalid until the offenders are alone.
 * Returns one result per item index.
 */
export async function dispatchBatches(
	batches: Batch[],
	settings: DispatchSettings,
	send: (batch: Batch) => Promise<SendOutcome>,
): Promise<Map<number, ItemResult>> {
	const limiter = new RequestRateLimiter(settings.requestsPerSecond);
	const results = new Map<number, ItemResult>();
	let stopReason: string | undefined;

	const record = (batch: Batch, result: ItemResult) => {
		for (const entry of batch.entries) results.set(entry.itemIndex, result);
	};

	/** Undefined when sending stopped while this batch waited for its turn. */
	const sendWithRetries = async (batch: Batch): Promise<SettledOutcome | undefined> => {
		for (let attempt = 0; ; attempt++) {
			const answered = await limiter.acquire();
			if (stopReason !== undefined) {
				answered();
				return undefined;
			}
			let outcome: SendOutcome;
			try {
				outcome = await send(batch);
			} finally {
				answered();
			}
			if (outcome.kind !== 'retry') return outcome;
			if (attempt >= settings.maxRetries)
				return { kind: 'rejected', failure: outcome.giveUp(attempt) };
			await sleep(outcome.retryAfterMs ?? backoffDelay(attempt));
		}
	};

	const processBatch = async (batch: Batch): Promise<void> => {
		const outcome = await sendWithRetries(batch);
		if (outcome === undefined) {
			record(batch, { status: 'notSent', failure: notSentAfterStop(stopReason as string) });
			return;
		}
		switch (outcome.kind) {
			case 'accepted':
				batch.entries.forEach((entry, i) =>
					results.set(entry.itemIndex, { status: 'accepted', key: outcome.keys[i] }),
				);
				return;
			case 'invalid':
				if (batch.entries.length > 1) {
					// Nothing of this request was sent: halve it until the offenders stand alone.
					const middle = Math.ceil(batch.entries.length / 2);
					await processBatch({ ...batch, entries: batch.entries.slice(0, middle) });
					await processBatch({ ...batch, entries: batch.entries.slice(middle) });
					return;
				}
				record(batch, { status: 'failed', failure: outcome.failure });
				break;
			case 'rejected':
				record(batch, { status: 'failed', failure: outcome.failure });
				break;
			case 'unknown':
				record(batch, { status: 'unknown', failure: outcome.failure });
				break;
			case 'fatal':
				record(batch, { status: 'failed', failure: outcome.failure });
				stopReason = stopReason ?? outcome.failure.message;
				return;
		}
		if (settings.stopAfterFirstFailure) stopReason = stopReason ?? outcome.failure.message;
	};

	let next = 0;
	const sendNext = async () => {
		const batch = batches[next++];
		if (stopReason !== undefined) {
			record(batch, { status: 'notSent', failure: notSentAfterStop(stopReason) });
			return;
		}
		await processBatch(batch);
	};
	const worker = async () => {
		while (next < batches.length) await sendNext();
	};
	// The first request goes alone: a wrong key or a blocked IP then costs one request, not one
	// per worker. After it, enough requests are in flight to use the whole rate even when
	// Insider answers slowly.
	if (batches.length) await sendNext();
	const concurrency = Math.max(
		1,
		Math.min(batches.length - 1, Math.ceil(settings.requestsPerSecond)),
	);
	await Promise.all(Array.from({ length: concurrency }, worker));
	return results;
}
