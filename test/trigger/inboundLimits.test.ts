/**
 * Inbound messages built to hurt, read by the trigger in n8n-core's engine: a contacts message
 * is listed only up to its caps and counts against the body's, prototype words are no message
 * type, a message's fields are only its own, and a message of an unknown type is still
 * recognised when Insider retries it.
 */
import { CALLBACK_EVENT_NAMES } from '../../nodes/shared/callbackEvent';
import { CALLBACK_LIMITS } from '../../nodes/shared/callbackLimits';
import { INBOUND_LIMITS } from '../../nodes/shared/inboundMessages';
import { callTriggerWebhook } from '../support/engine';
import { PROTOTYPE_KEYS } from '../fuzz/arbitraries';
import { requestAsN8nBuildsIt } from './n8nRequest';

let nodeCounter = 0;
/** Posts `text` to the trigger; the same node id shares deduplication memory. */
async function post(text: string, nodeId = `inbound-limits-${++nodeCounter}`) {
	const request = requestAsN8nBuildsIt(text, 'application/json');
	const result = await callTriggerWebhook({
		parameters: { events: CALLBACK_EVENT_NAMES, authentication: 'none', options: {} },
		body: request.body,
		rawBody: request.rawBody,
		headers: request.headers,
		nodeId,
	});
	return { ...result, json: (result.items ?? []).map((item) => item.json) };
}

/** One message from a contact, as the inner value of Meta's envelope, as JSON text. */
const inbound = (fields: Record<string, unknown>) =>
	JSON.stringify({
		metadata: { phone_number_id: '106540352242922' },
		messages: [{ from: '15550001111', id: 'wamid.limits', timestamp: '1750263800', ...fields }],
	});

const card = (phones: number, emails: number) => ({
	name: { formatted_name: 'Card' },
	phones: Array.from({ length: phones }, (_, i) => ({ phone: String(i), wa_id: String(i) })),
	emails: Array.from({ length: emails }, (_, i) => ({ email: `${i}@example.com` })),
});

describe('a contacts message', () => {
	test(`lists at most ${INBOUND_LIMITS.contactsPerMessage} contacts of at most ${INBOUND_LIMITS.phonesPerContact} phones and ${INBOUND_LIMITS.emailsPerContact} emails; raw keeps them all`, async () => {
		const contacts = [
			card(INBOUND_LIMITS.phonesPerContact + 5, INBOUND_LIMITS.emailsPerContact + 5),
			...Array.from({ length: INBOUND_LIMITS.contactsPerMessage + 40 }, () => card(1, 0)),
		];
		const [item] = (await post(inbound({ type: 'contacts', contacts }))).json;
		const listed = item.contacts as Array<{ phones: unknown[]; emails: unknown[] }>;
		expect(listed).toHaveLength(INBOUND_LIMITS.contactsPerMessage);
		expect(listed[0].phones).toHaveLength(INBOUND_LIMITS.phonesPerContact);
		expect(listed[0].emails).toHaveLength(INBOUND_LIMITS.emailsPerContact);
		expect(listed[0].phones[19]).toEqual({ phone: '19', waId: '19', type: null });
		expect((item.raw as { contacts: unknown[] }).contacts).toHaveLength(contacts.length);
	});

	test("counts its cards' elements against the body's cap: over it, 413 and nothing emitted", async () => {
		const cards = Math.ceil(CALLBACK_LIMITS.elementsPerBody / 100);
		const contacts = Array.from({ length: cards }, () => card(100, 0));
		const result = await post(inbound({ type: 'contacts', contacts }));
		expect(result.status).toBe(413);
		expect(result.responseBody).toEqual({
			message: `The body is too large: it holds more than ${CALLBACK_LIMITS.elementsPerBody} array elements; Insider sends at most a few hundred`,
		});
		expect(result.items).toBeUndefined();
	});

	test('skips cards and numbers that are no objects, and reads a name only from name.formatted_name', async () => {
		const contacts = [7, 'card', { name: 'Plain', phones: [1, { phone: '2' }], emails: 'x' }];
		const [item] = (await post(inbound({ type: 'contacts', contacts }))).json;
		expect(item.contacts).toEqual([
			{ name: null, phones: [{ phone: '2', waId: null, type: null }], emails: [] },
		]);
	});
});

describe('prototype words and inherited fields', () => {
	test.each(PROTOTYPE_KEYS)(
		'a message of type "%s" is an unknown event that says its type',
		async (word) => {
			const [item] = (await post(inbound({ type: word, [word]: { id: '1' } }))).json;
			expect(item).toMatchObject({ event: 'unknown', messageType: word, media: null });
		},
	);

	test("a media object under __proto__ is not the message's own: unknown, no media", async () => {
		const text = `{"messages":[{"from":"1","id":"w","type":"image","__proto__":{"image":{"id":"inherited"}}}]}`;
		const [item] = (await post(text)).json;
		expect(item).toMatchObject({ event: 'unknown', messageType: 'image', media: null });
	});

	test('a media id under __proto__ is no id', async () => {
		const text = `{"messages":[{"from":"1","id":"w","type":"image","image":{"__proto__":{"id":"inherited"}}}]}`;
		const [item] = (await post(text)).json;
		expect(item.media).toMatchObject({ id: null });
	});
});

describe('fields read strictly', () => {
	test('voice is true only for audio marked as a voice note', async () => {
		const image = { id: '1', voice: true };
		const [photo] = (await post(inbound({ type: 'image', image }))).json;
		const [audio] = (await post(inbound({ type: 'audio', audio: { id: '2', voice: 'true' } })))
			.json;
		expect([photo.media, audio.media]).toMatchObject([{ voice: false }, { voice: false }]);
	});

	test.each([
		['an exponent', '1e3'],
		['hexadecimal', '0x10'],
		['blank text', ' '],
		['empty text', ''],
		['Infinity as text', 'Infinity'],
		['a sign alone', '-'],
		['a long run of digits', '1'.repeat(100_000)],
		['a boolean', true],
		['an object', { value: 1 }],
	])('a coordinate that is %s is null', async (_what, latitude) => {
		const location = { latitude, longitude: '28.9784' };
		const [item] = (await post(inbound({ type: 'location', location }))).json;
		expect(item.location).toMatchObject({ latitude: null, longitude: 28.9784 });
	});
});

describe('deduplication', () => {
	test('a message of an unknown type that Insider retries is emitted once', async () => {
		const body = inbound({ type: 'order', order: { catalog_id: '1' } });
		const first = await post(body, 'inbound-retry');
		const retry = await post(body, 'inbound-retry');
		expect(first.json.map((item) => item.event)).toEqual(['unknown']);
		expect(retry.items).toBeUndefined();
		expect(retry.webhookResponse).toEqual({ received: true, events: 0 });
	});
});
