/** The item a callback event becomes, the same from the trigger and from any other path. */
import type { IDataObject } from 'n8n-workflow';

import type { CallbackEvent, CallbackEventName } from './callbackEvent';

/** Only the events the user chose; the others start nothing. */
export function keepEvents(
	events: CallbackEvent[],
	wanted: Iterable<CallbackEventName>,
): CallbackEvent[] {
	const chosen = new Set(wanted);
	return events.filter((event) => chosen.has(event.event));
}

/** The emitted fields, in a fixed order; `raw` only when asked for. */
export function toItem(event: CallbackEvent, includeRaw: boolean): IDataObject {
	const item: IDataObject = {
		event: event.event,
		key: event.key,
		messageId: event.messageId,
		phoneNumber: event.phoneNumber,
		timestamp: event.timestamp,
		error: event.error as unknown as IDataObject | null,
		reply: event.reply as unknown as IDataObject | null,
		text: event.text,
	};
	if (includeRaw) item.raw = event.raw as IDataObject;
	return item;
}
