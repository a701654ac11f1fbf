import type { Deliverer } from './delivery';
import { acceptedEvent, statusEvent } from './events';
import type { ResolvedOptions } from './options';
import type { RecordedMessage } from './records';

/** Walks one message through accepted, sent, delivered, read (or failed), posting each to its callback. */
export async function reportStatuses(
	message: RecordedMessage,
	options: ResolvedOptions,
	deliverer: Deliverer,
) {
	const { businessNumber, phoneNumberId, failingRecipients, statusEvents } = options;
	const fails = failingRecipients.includes(message.phoneNumber);
	const steps: Array<{ event: string; status?: RecordedMessage['status']; payload: unknown }> = [
		{
			event: 'accepted',
			payload: acceptedEvent(message.key, message.phoneNumber, message.waMessageId),
		},
		...(fails ? (['failed'] as const) : statusEvents).map((status) => ({
			event: status,
			status,
			payload: statusEvent(
				businessNumber,
				message.key,
				message.phoneNumber,
				message.waMessageId,
				status,
				phoneNumberId,
			),
		})),
	];
	for (const [index, step] of steps.entries()) {
		if (index > 0)
			await new Promise<void>((resolve) => deliverer.later(options.eventIntervalMs, resolve));
		if (step.status) message.status = step.status;
		if (message.callback) {
			await deliverer.deliver({
				target: 'callback',
				url: message.callback,
				event: step.event,
				key: message.key,
				payload: step.payload,
			});
		}
	}
}
