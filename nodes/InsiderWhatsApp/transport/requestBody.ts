import type { IDataObject } from 'n8n-workflow';

import { SEND_PATHS } from '../constants';
import type { Batch } from './dispatcher';
import type { SendRequestBody } from './insiderClient';

/** Insider's send envelope: optional sender and callback beside the messages. */
export function toRequestBody(batch: Batch): SendRequestBody {
	return {
		...(batch.from ? { from: batch.from } : {}),
		...(batch.callbackUrl ? { callback: batch.callbackUrl } : {}),
		messages: batch.entries.map(({ outgoing }) => outgoing as unknown as IDataObject),
	};
}

export function sendPathOf(batch: Batch): string {
	return SEND_PATHS[batch.endpoint];
}

/** The credential's base URL, or Insider's own; a trailing slash is fine. */
export function baseUrlOf(credentials: { baseUrl?: unknown }, fallback: string): string {
	const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return (configured || fallback).replace(/\/+$/, '');
}
