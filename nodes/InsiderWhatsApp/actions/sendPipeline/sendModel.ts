/**
 * The send model: what the pipeline plans, batches, sends and reports, one shape from an
 * item's check to its output item.
 */
import type { IDataObject } from 'n8n-workflow';

import type { InsiderFailure } from '../../transport/insiderErrors';

/** Which Insider endpoint a message goes to; Insider documents the same envelope for both. */
export type SendEndpoint = 'conversational' | 'transactional';

/** One validated message and the input item it came from. */
export interface PlannedMessage {
	itemIndex: number;
	outgoing: { phoneNumber: string; message: IDataObject };
	endpoint: SendEndpoint;
	from?: string;
	callbackUrl?: string;
}

/** Messages that travel in one request: same endpoint, sender and callback URL. */
export interface Batch {
	endpoint: SendEndpoint;
	from?: string;
	callbackUrl?: string;
	entries: PlannedMessage[];
}

/** Hands out batches in sending order; undefined when there are no more. */
export type BatchSource = () => Batch | undefined;

export type ItemResult =
	| { status: 'accepted'; key: string }
	/** failed: definitely not sent; unknown: may have been sent; notSent: never tried. */
	| { status: 'failed' | 'unknown' | 'notSent'; failure: InsiderFailure };
