/**
 * The shared reader on its own, with the body in each form a node may be handed it: the text,
 * its bytes, or the value n8n parsed. Every form of every case gives the table's items, so a
 * second path (a node reading what n8n's Webhook node received) inherits the trigger's answers.
 */
import { CALLBACK_EVENT_NAMES, CALLBACK_EVENT_OPTIONS } from '../../nodes/shared/callbackEvent';
import { toItem } from '../../nodes/shared/callbackItem';
import { readCallbackEvents } from '../../nodes/shared/readCallbackEvents';
import { InsiderWhatsAppTrigger } from '../../nodes/InsiderWhatsAppTrigger/InsiderWhatsAppTrigger.node';
import { ITEM_KEYS } from './expectedItems';
import { PAYLOAD_CASES, REFUSED_BODIES, resolveReceivedAt } from './payloadCases';

/** The forms of one body; a parsed JSON string would be read as text, so it is left out. */
function formsOf(text: string): Array<[string, unknown]> {
	const forms: Array<[string, unknown]> = [
		['text', text],
		['bytes', Buffer.from(text, 'utf8')],
	];
	try {
		const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
		if (typeof parsed !== 'string') forms.push(['parsed value', parsed]);
	} catch {
		/* not JSON: only the text and the bytes exist */
	}
	return forms;
}

describe('readCallbackEvents gives the items of every case from every form of its body', () => {
	const rows = PAYLOAD_CASES.flatMap((payloadCase) =>
		formsOf(payloadCase.body).map(
			([form, body]) => [payloadCase.name, form, body, payloadCase] as const,
		),
	);
	test.each(rows)('%s, as %s', (_name, _form, body, payloadCase) => {
		const before = new Date();
		const reading = readCallbackEvents(body, CALLBACK_EVENT_NAMES);
		const after = new Date();
		if (!('events' in reading)) throw new Error(`refused: ${JSON.stringify(reading)}`);
		const items = reading.events.map((event) => toItem(event, true));
		expect(items).toEqual(resolveReceivedAt(payloadCase.expectedItems, items, before, after));
	});

	test('every item of every case has the same keys in the same order', () => {
		for (const payloadCase of PAYLOAD_CASES) {
			const reading = readCallbackEvents(payloadCase.body, CALLBACK_EVENT_NAMES);
			const events = 'events' in reading ? reading.events : [];
			expect(events).toHaveLength(payloadCase.expectedItems.length);
			for (const event of events) {
				expect(Object.keys(toItem(event, true))).toEqual(ITEM_KEYS);
				expect(Object.keys(toItem(event, false))).toEqual(ITEM_KEYS.slice(0, -1));
			}
		}
	});

	test.each(
		REFUSED_BODIES.flatMap((refused) =>
			formsOf(refused.body).map(([form, body]) => [refused.name, form, body] as const),
		),
	)('%s, as %s, is not JSON', (_name, _form, body) => {
		expect(readCallbackEvents(body, CALLBACK_EVENT_NAMES)).toHaveProperty('notJson');
	});

	test('no body at all is not JSON', () => {
		expect(readCallbackEvents(undefined, CALLBACK_EVENT_NAMES)).toEqual({ notJson: 'it is empty' });
	});

	test('only the chosen events are kept', () => {
		const body = [
			{ key: 'whatsapp-1', status: 'sent' },
			{ key: 'whatsapp-1', status: 'read' },
		];
		const reading = readCallbackEvents(body, ['read']);
		expect('events' in reading && reading.events.map((event) => event.event)).toEqual(['read']);
	});
});

describe("the trigger's events parameter", () => {
	const events = new InsiderWhatsAppTrigger().description.properties.find(
		(property) => property.name === 'events',
	);

	test('offers every event name once, by label, and chooses them all by default', () => {
		expect(events?.options).toBe(CALLBACK_EVENT_OPTIONS);
		const values = CALLBACK_EVENT_OPTIONS.map((option) => (option as { value: string }).value);
		expect([...values].sort()).toEqual([...CALLBACK_EVENT_NAMES].sort());
		const labels = CALLBACK_EVENT_OPTIONS.map((option) => option.name);
		expect(labels).toEqual([...labels].sort());
		expect(events?.default).toEqual(CALLBACK_EVENT_NAMES);
	});
});
