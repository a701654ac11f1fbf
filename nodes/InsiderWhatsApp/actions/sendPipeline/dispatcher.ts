import { notSentAfterStop } from '../../transport/insiderErrors';
import type { FailedOutcome, SendOutcome } from '../../transport/insiderClient';
import type { RetrySettings } from '../../transport/retryingRequest';
import { requestWithRetries } from '../../transport/retryingRequest';
import type { Batch, BatchSource, ItemResult } from './sendModel';

/** A request's final outcome, once retries are over. */
type SettledOutcome = Exclude<SendOutcome, { kind: 'retry' }> | FailedOutcome;

export interface DispatchSettings extends RetrySettings {
	/** Without Continue On Fail the node fails anyway: send no further batch after a failure. */
	stopAfterFirstFailure: boolean;
}

const STOPPED = 'The execution was stopped';

/**
 * Sends every batch through one rate limiter, retrying only what Insider certainly did not
 * accept, and splitting a request Insider rejected as invalid until the offenders are alone.
 * Batches are pulled from `nextBatch` as workers free up, so building later batches overlaps
 * with sending earlier ones. Returns one result per item index that was handed out.
 */
export async function dispatchBatches(
	nextBatch: BatchSource,
	settings: DispatchSettings,
	send: (batch: Batch) => Promise<SendOutcome>,
): Promise<Map<number, ItemResult>> {
	const results = new Map<number, ItemResult>();
	const signal = settings.abortSignal;
	let stopReason: string | undefined;

	const record = (batch: Batch, result: ItemResult) => {
		for (const entry of batch.entries) results.set(entry.itemIndex, result);
	};

	const stopped = () => {
		stopReason = stopReason ?? STOPPED;
		return undefined;
	};

	/** Undefined when sending stopped while this batch waited for its turn. */
	const sendWithRetries = async (batch: Batch): Promise<SettledOutcome | undefined> => {
		const outcome = await requestWithRetries(
			settings,
			async () => await send(batch),
			() => stopReason !== undefined,
		);
		return outcome ?? stopped();
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

	/** Sends the next batch; false when there is none left. */
	const sendNext = async (): Promise<boolean> => {
		if (signal?.aborted) stopReason = stopReason ?? STOPPED;
		const batch = nextBatch();
		if (!batch) return false;
		if (stopReason !== undefined) {
			record(batch, { status: 'notSent', failure: notSentAfterStop(stopReason) });
			return true;
		}
		await processBatch(batch);
		return true;
	};
	const worker = async () => {
		while (await sendNext());
	};
	// The first request goes alone: a wrong key or a blocked IP then costs one request, not one
	// per worker. After it, enough requests are in flight to use the whole rate even when
	// Insider answers slowly.
	if (await sendNext()) {
		const concurrency = Math.max(1, Math.ceil(settings.requestsPerSecond));
		await Promise.all(Array.from({ length: concurrency }, worker));
	}
	return results;
}
