/**
 * The operations that make their own Insider requests item by item (Mark as Read and the Media
 * resource): every item is checked before the first request, then requests go out under the
 * key's shared rate limiter with its retries, Stop ends them, and every input item gives one
 * output item (or, without Continue On Fail, the first failure is thrown).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { MessageInputError } from '../helpers/messages/messageInput';
import type { ApiOutcome, SettledApiOutcome } from '../transport/apiRequest';
import type { InsiderConnection } from '../transport/connection';
import { insiderConnection } from '../transport/connection';
import type { InsiderFailure } from '../transport/insiderErrors';
import { notSentAfterStop } from '../transport/insiderErrors';
import { requestWithRetries } from '../transport/retryingRequest';
import type { ParameterReader } from './parameterReader';
import type { RequestOptions, RequestSettings } from './requestSettings';
import { ITEMS_PER_TURN, requestSettingsOf, yieldOrStop } from './requestSettings';
import { failureError, toValidationError } from './sendPipeline/sendErrors';

/** What an operation's requests get: where they go, and the one way to make them. */
export interface ItemRequestKit {
	connection: InsiderConnection;
	/** One request under the key's limiter, with its retries; undefined once the run stopped. */
	withRetries<T>(attempt: () => Promise<ApiOutcome<T>>): Promise<SettledApiOutcome<T> | undefined>;
}

export interface ItemRequests<C, V> {
	/** Reads and checks one item; throws MessageInputError naming the field. */
	check(itemIndex: number, kit: ItemRequestKit): Promise<C>;
	/** The item's requests; may throw MessageInputError for what only the file's bytes tell. */
	request(checked: C, kit: ItemRequestKit): Promise<SettledApiOutcome<V> | undefined>;
	output(checked: C, value: V): INodeExecutionData;
	/** What names the item in its error output, e.g. `{ messageId }`. */
	identify(checked: C): IDataObject;
	/** Requests in flight at once at most (uploads and downloads hold files). */
	maxInFlight?: number;
}

/** A kit for one node run: its requests stop once `stopped()` says so or the execution stops. */
export function requestKit(
	context: IExecuteFunctions,
	connection: InsiderConnection,
	settings: RequestSettings,
	stopped: () => boolean,
): ItemRequestKit {
	const abortSignal = context.getExecutionCancelSignal?.();
	return {
		connection,
		withRetries: async (attempt) =>
			await requestWithRetries(
				{ ...settings, limiter: connection.limiter, abortSignal },
				attempt,
				stopped,
			),
	};
}

type ItemResult<V> =
	| { value: V }
	| { invalid: Error }
	| { failure: InsiderFailure; status: 'failed' | 'notSent' };

const STOPPED = 'The execution was stopped';

export async function runItemRequests<C, V>(
	context: IExecuteFunctions,
	parameters: ParameterReader,
	operation: ItemRequests<C, V>,
): Promise<INodeExecutionData[]> {
	const itemCount = context.getInputData().length;
	const continueOnFail = context.continueOnFail();
	const signal = context.getExecutionCancelSignal?.();
	const settings = requestSettingsOf(parameters.get<RequestOptions>('options', 0, {}));
	const connection = await insiderConnection(context);
	let stopReason: string | undefined;
	let firstFailure: { itemIndex: number; error: Error } | undefined;
	const kit = requestKit(context, connection, settings, () => stopReason !== undefined);

	const checked = new Map<number, C>();
	const results = new Map<number, ItemResult<V>>();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		if (itemIndex > 0 && itemIndex % ITEMS_PER_TURN === 0) await yieldOrStop(context, signal);
		try {
			checked.set(itemIndex, await operation.check(itemIndex, kit));
		} catch (error) {
			const invalid = toValidationError(context, error, itemIndex);
			if (!continueOnFail) throw invalid;
			results.set(itemIndex, { invalid });
		}
	}

	const fail = (itemIndex: number, result: ItemResult<V>, error: Error) => {
		results.set(itemIndex, result);
		firstFailure = firstFailure ?? { itemIndex, error };
		if (!continueOnFail) stopReason = stopReason ?? error.message;
	};
	const handle = async (itemIndex: number, item: C) => {
		if (signal?.aborted) stopReason = stopReason ?? STOPPED;
		if (stopReason !== undefined) {
			results.set(itemIndex, { failure: notSentAfterStop(stopReason), status: 'notSent' });
			return;
		}
		let outcome: SettledApiOutcome<V> | undefined;
		try {
			outcome = await operation.request(item, kit);
		} catch (error) {
			// A field the bytes showed wrong (MessageInputError) is invalid; anything else fails the item.
			const invalid = toValidationError(context, error, itemIndex);
			if (error instanceof MessageInputError) return fail(itemIndex, { invalid }, invalid);
			const failure = { message: invalid.message, description: '' };
			return fail(itemIndex, { failure, status: 'failed' }, invalid);
		}
		if (outcome === undefined) {
			stopReason = stopReason ?? STOPPED;
			results.set(itemIndex, { failure: notSentAfterStop(stopReason), status: 'notSent' });
		} else if (outcome.kind === 'accepted') {
			results.set(itemIndex, { value: outcome.value });
		} else {
			const error = failureError(context.getNode(), outcome.failure, itemIndex);
			fail(itemIndex, { failure: outcome.failure, status: 'failed' }, error);
			if (outcome.kind === 'fatal') stopReason = stopReason ?? outcome.failure.message;
		}
	};

	const queue = [...checked.entries()];
	const worker = async () => {
		for (let next = queue.shift(); next; next = queue.shift()) await handle(...next);
	};
	// The first request goes alone: a wrong key then costs one request, not one per worker.
	const first = queue.shift();
	if (first) await handle(...first);
	const workers = Math.min(
		operation.maxInFlight ?? Infinity,
		Math.ceil(settings.requestsPerSecond),
	);
	await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));

	if (firstFailure && !continueOnFail) throw firstFailure.error;
	return Array.from({ length: itemCount }, (_, itemIndex) => {
		const pairedItem = { item: itemIndex };
		const result = results.get(itemIndex) as ItemResult<V>;
		const item = checked.get(itemIndex);
		if ('value' in result) return { ...operation.output(item as C, result.value), pairedItem };
		if ('invalid' in result)
			return { json: { error: result.invalid.message, status: 'invalid' }, pairedItem };
		const json: IDataObject = {
			...(item === undefined ? {} : operation.identify(item)),
			error: result.failure.message,
			errorDescription: result.failure.description,
			status: result.status,
		};
		return { json, pairedItem };
	});
}
