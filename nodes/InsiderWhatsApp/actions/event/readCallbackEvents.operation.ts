/**
 * Read Callback Events: the trigger's reading of a callback, for a body that n8n's Webhook node
 * received. Every input item gives its events (one item per status or message, linked to it),
 * through the same shared reader, event filter, item shape and deduplication key as the trigger.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallbackEvent, CallbackEventName } from '../../../shared/callbackEvent';
import { toItem } from '../../../shared/callbackItem';
import { eventIdentity } from '../../../shared/eventIdentity';
import { readCallbackEvents } from '../../../shared/readCallbackEvents';
import type { BodyFields, BodyProblem } from './callbackBody';
import { callbackBody } from './callbackBody';
import { recordNewIdentities } from './processedEvents';

interface ReadOptions {
	deduplicate?: boolean;
	historySize?: number;
	includeRaw?: boolean;
	rawBodyField?: string;
}

const DEFAULT_HISTORY_SIZE = 10000;

/** The oldest n8n with the deduplication store (checkProcessedAndRecord); README, Compatibility. */
export const DEDUPLICATION_MINIMUM_N8N = '1.64.0';

/** What one input item gave: its events, or the error it became under Continue On Fail. */
type ItemReading = { events: CallbackEvent[] } | { error: NodeOperationError };

/** The events of one input item, or why its body cannot be read. */
async function readItem(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	fields: BodyFields,
	wanted: CallbackEventName[],
): Promise<CallbackEvent[] | BodyProblem> {
	const body = await callbackBody(context, item, itemIndex, fields);
	if (!('body' in body)) return body;
	const reading = readCallbackEvents(body.body, wanted);
	if ('events' in reading) return reading.events;
	if ('tooLarge' in reading) {
		return {
			field: `Body Field "${fields.bodyField}"`,
			problem: `is too large: ${reading.tooLarge}`,
			description: `Nothing of this body was read. Insider never sends a callback this large: check where the body came from. The limits are in the README, "Security".`,
		};
	}
	return {
		field: `Body Field "${fields.bodyField}"`,
		problem: `holds no JSON: ${reading.notJson}`,
		description: `Point Body Field at the field with Insider's callback (n8n's Webhook node puts it in "body"), or turn on the Webhook node's Raw Body option.`,
	};
}

/** Drops events read before, by this execution or (through n8n's store) by earlier ones. */
async function dropReadBefore(
	context: IExecuteFunctions,
	readings: ItemReading[],
	historySize: number,
): Promise<number> {
	const firstSeen = new Set<string>();
	for (const reading of readings) {
		if (!('events' in reading)) continue;
		reading.events = reading.events.filter((event) => {
			const identity = eventIdentity(event);
			if (identity === undefined) return true;
			if (firstSeen.has(identity)) return false;
			firstSeen.add(identity);
			return true;
		});
	}
	let fresh: Set<string>;
	try {
		fresh = await recordNewIdentities(context, [...firstSeen], historySize);
	} catch (error) {
		throw new NodeOperationError(
			context.getNode(),
			`n8n's deduplication store failed: ${(error as Error).message}`,
			{ description: 'Nothing was output. Turn Deduplicate off to read without it.' },
		);
	}
	let dropped = 0;
	for (const reading of readings) {
		if (!('events' in reading)) continue;
		const before = reading.events.length;
		reading.events = reading.events.filter((event) => {
			const identity = eventIdentity(event);
			return identity === undefined || fresh.has(identity);
		});
		dropped += before - reading.events.length;
	}
	return dropped;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	// Read once per execution, like the trigger's settings.
	const wanted = this.getNodeParameter('events', 0) as CallbackEventName[];
	const options = this.getNodeParameter('options', 0, {}) as ReadOptions;
	const fields: BodyFields = {
		bodyField: String(this.getNodeParameter('bodyField', 0, 'body')).trim() || 'body',
		rawBodyField: options.rawBodyField?.trim() || 'data',
	};
	const continueOnFail = this.continueOnFail();

	const readings: ItemReading[] = [];
	for (const [itemIndex, item] of items.entries()) {
		let error: NodeOperationError;
		try {
			const events = await readItem(this, item, itemIndex, fields, wanted);
			if (Array.isArray(events)) {
				readings.push({ events });
				continue;
			}
			error = new NodeOperationError(
				this.getNode(),
				`Item ${itemIndex}, ${events.field}: ${events.problem}`,
				{ itemIndex, description: events.description },
			);
		} catch (unexpected) {
			// The readers are built never to throw on any input; should one still, the item
			// becomes an error item like any other unreadable body.
			error = new NodeOperationError(this.getNode(), unexpected as Error, { itemIndex });
		}
		if (!continueOnFail) throw error;
		readings.push({ error });
	}

	if (options.deduplicate !== false) {
		// n8n's deduplication store came with n8n 1.64 (the Remove Duplicates node's v2).
		if (typeof this.helpers.checkProcessedAndRecord !== 'function') {
			throw new NodeOperationError(
				this.getNode(),
				`Deduplicate needs n8n ${DEDUPLICATION_MINIMUM_N8N} or later: this n8n has no deduplication store`,
				{
					description:
						'Update n8n, or turn Deduplicate off to read without it. Nothing was output.',
				},
			);
		}
		const historySize = Math.max(1, Math.floor(options.historySize ?? DEFAULT_HISTORY_SIZE));
		const dropped = await dropReadBefore(this, readings, historySize);
		if (dropped > 0) {
			this.addExecutionHints({
				message: `${dropped} event${dropped === 1 ? ' was' : 's were'} dropped as already read (Deduplicate is on)`,
				location: 'outputPane',
			});
		}
	}

	const includeRaw = options.includeRaw !== false;
	return readings.flatMap((reading, itemIndex): INodeExecutionData[] =>
		'events' in reading
			? reading.events.map((event) => ({
					json: toItem(event, includeRaw),
					pairedItem: { item: itemIndex },
				}))
			: [{ json: { error: reading.error.message }, pairedItem: { item: itemIndex } }],
	);
}
