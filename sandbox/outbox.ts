/** The business's messages the sandbox accepted: recorded, then walked through their statuses. */
import { randomUUID } from 'crypto';

import type { Deliverer } from './delivery';
import { newWaMessageId } from './events';
import { mask } from './httpIo';
import type { ResolvedOptions } from './options';
import type { RecordedMessage, RecordedRequest } from './records';
import { reportStatuses } from './statusReporter';

export interface Outbox {
	options: ResolvedOptions;
	messages: RecordedMessage[];
	deliverer: Deliverer;
}

/** Records each message of a validated send request, starts its status reports, returns the keys. */
export function acceptMessages(
	outbox: Outbox,
	endpoint: string,
	apiKey: string,
	body: Record<string, unknown>,
	log: RecordedRequest,
): string[] {
	const entries = body.messages as Array<{ phoneNumber: string; message: Record<string, unknown> }>;
	log.messageCount = entries.length;
	return entries.map((entry) => {
		const recorded: RecordedMessage = {
			key: `whatsapp-${randomUUID()}`,
			waMessageId: newWaMessageId(),
			endpoint,
			apiKey: mask(apiKey),
			from: body.from as string | undefined,
			callback: body.callback as string | undefined,
			phoneNumber: entry.phoneNumber,
			message: entry.message,
			receivedAt: new Date().toISOString(),
			requestId: log.id,
			status: 'accepted',
			replies: [],
		};
		outbox.messages.push(recorded);
		outbox.deliverer.later(
			0,
			() => void reportStatuses(recorded, outbox.options, outbox.deliverer),
		);
		return recorded.key;
	});
}
