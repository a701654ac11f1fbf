/**
 * What makes two callback events the same delivery: Insider retries a callback with the same
 * body, so the same key or message id, event and source timestamp mean "seen before". Both the
 * trigger's memory and the action node's use of n8n's deduplication store key on this.
 */
import { createHash } from 'crypto';

import type { CallbackEvent } from './callbackEvent';

/**
 * The identity of an event, or undefined for events that have none (unknown payloads; an inbound
 * message of a type the node does not know has its message id and is one). It is a fixed-size
 * hash (43 characters), so however long the ids in a payload, remembering an event costs the same.
 */
export function eventIdentity(event: CallbackEvent): string | undefined {
	const id = event.key ?? event.messageId;
	if (!id || (event.event === 'unknown' && event.messageType === null)) return undefined;
	const parts = [id, event.messageId ?? '', event.event, event.sourceTimestamp ?? ''];
	return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}
