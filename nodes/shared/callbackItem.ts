/** The item a callback event becomes, the same from the trigger and from any other path. */
import type { IDataObject } from 'n8n-workflow';

import type { CallbackEvent, CallbackEventName } from './callbackEvent';
import { field, isObject, objectField } from './jsonValues';
import { isWaitReference } from './waitReferenceCodec';
import { userButtonIdOfTap } from './waitResume';

/** Only the events the user chose; the others start nothing. */
export function keepEvents(
	events: CallbackEvent[],
	wanted: Iterable<CallbackEventName>,
): CallbackEvent[] {
	const chosen = new Set(wanted);
	return events.filter((event) => chosen.has(event.event));
}

/**
 * A tap on a Send and Wait button carries a signed wait reference in its button id. Outputs
 * never show it (it could resume a wait if replayed); they show the user's own button id, in
 * `reply.id` and in the raw message alike.
 */
function withoutWaitReference(event: CallbackEvent): CallbackEvent {
	const reply = event.reply;
	if (reply?.type !== 'button' || reply.id === null || !isWaitReference(reply.id)) return event;
	const id = userButtonIdOfTap(reply.id, reply.title);
	const interactive = objectField(event.raw, 'interactive');
	const button = objectField(interactive, 'button_reply');
	const raw =
		isObject(event.raw) && interactive && button && field(button, 'id') === reply.id
			? { ...event.raw, interactive: { ...interactive, button_reply: { ...button, id } } }
			: event.raw;
	return { ...event, reply: { ...reply, id }, raw };
}

/**
 * The emitted fields: the same keys in the same order for every event (null where a field does
 * not apply), so a workflow can rely on the shape; `raw` only when asked for.
 */
export function toItem(callbackEvent: CallbackEvent, includeRaw: boolean): IDataObject {
	const event = withoutWaitReference(callbackEvent);
	const item: IDataObject = {
		event: event.event,
		key: event.key,
		messageId: event.messageId,
		phoneNumber: event.phoneNumber,
		timestamp: event.timestamp,
		error: event.error as unknown as IDataObject | null,
		reply: event.reply as unknown as IDataObject | null,
		text: event.text,
		phoneNumberId: event.phoneNumberId,
		messageType: event.messageType,
		media: event.media as unknown as IDataObject | null,
		location: event.location as unknown as IDataObject | null,
		contacts: event.contacts as unknown as IDataObject[] | null,
		reaction: event.reaction as unknown as IDataObject | null,
	};
	if (includeRaw) item.raw = event.raw as IDataObject;
	return item;
}
