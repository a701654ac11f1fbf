import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SENDING_DEFAULTS } from '../constants';
import { abortableSleep } from '../transport/abortableSleep';

/** The options every operation that calls Insider shares (read from the first item). */
export interface RequestOptions {
	requestsPerSecond?: number;
	maxRetries?: number;
}

export interface RequestSettings {
	requestsPerSecond: number;
	maxRetries: number;
}

export function requestSettingsOf(options: RequestOptions): RequestSettings {
	return {
		requestsPerSecond: Math.max(
			0.1,
			options.requestsPerSecond ?? SENDING_DEFAULTS.requestsPerSecond,
		),
		maxRetries: Math.max(0, Math.floor(options.maxRetries ?? SENDING_DEFAULTS.maxRetries)),
	};
}

/** Items checked between two turns of the event loop, so a Stop or a callback is not kept waiting. */
export const ITEMS_PER_TURN = 100;

/** Lets n8n handle a Stop (and incoming webhooks) while a long list is being checked. */
export async function yieldOrStop(context: IExecuteFunctions, signal: AbortSignal | undefined) {
	if (!(await abortableSleep(0, signal))) {
		throw new NodeOperationError(context.getNode(), 'The execution was stopped before sending');
	}
}
