/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the token is fake */
/**
 * The sandbox plays the contact (a text, its sample photo and voice note, any Meta message) and
 * posts to its conversational webhook as Insider does; the trigger and Read Callback Events read
 * exactly what it posted. So the shapes the sandbox sends and the ones the readers read are
 * proven together, and a photo's `media.id` is shown to fetch that photo at Insider.
 */
import { CALLBACK_EVENT_NAMES } from '../../nodes/shared/callbackEvent';
import { SAMPLE_PHOTO_ID, SAMPLE_VOICE_NOTE_ID } from '../../sandbox/server';
import type { InsiderSandbox } from '../../sandbox/server';
import { download, mediaInfo } from '../sandbox/botRequests';
import { callTriggerWebhook } from '../support/engine';
import { client, startReceiver } from '../support/http';
import { read, webhookItem } from '../support/readCallbackEventsEngine';
import { startTestSandbox } from '../support/sandbox';
import type { ExpectedItem } from './expectedItems';
import { expectedMedia, iso, item } from './expectedItems';
import { requestAsN8nBuildsIt } from './n8nRequest';

type Json = Record<string, unknown>;

const TOKEN = 'inbound-webhook-token-0123456789';
const PHONE_NUMBER_ID = '109876543210987';
const CONTACT = '+15550002222';

let sandbox: InsiderSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
	receiver = await startReceiver();
	sandbox = await startTestSandbox({
		phoneNumberId: PHONE_NUMBER_ID,
		contactNumber: CONTACT,
		webhook: { url: `${receiver.url}/hook`, token: TOKEN },
	});
});
afterAll(async () => {
	await sandbox.stop();
	await receiver.stop();
});
beforeEach(() => {
	sandbox.reset();
	receiver.received.length = 0;
});

/** The contact does something through the sandbox's admin route; returns what Insider posted. */
async function contactSends(route: string, body: Json) {
	const answer = await client.post(`${sandbox.url}/sandbox/${route}`, body);
	expect(answer.data).toEqual({ delivered: true });
	expect(receiver.received).toHaveLength(1);
	const [request] = receiver.received;
	const envelope = request.body as {
		entry: Array<{ changes: Array<{ value: { messages: Json[] } }> }>;
	};
	return {
		text: JSON.stringify(request.body),
		contentType: String(request.headers['content-type']),
		authorization: String(request.headers.authorization),
		message: envelope.entry[0].changes[0].value.messages[0],
	};
}

/** What the trigger (Bearer Token, as InOne's conversational webhook is set up) gives for it. */
async function triggerItems(posted: Awaited<ReturnType<typeof contactSends>>) {
	const request = requestAsN8nBuildsIt(posted.text, posted.contentType);
	const result = await callTriggerWebhook({
		parameters: { events: CALLBACK_EVENT_NAMES, authentication: 'bearerToken', options: {} },
		body: request.body,
		rawBody: request.rawBody,
		headers: { ...request.headers, authorization: posted.authorization },
		token: TOKEN,
		nodeId: `inbound-${Math.random()}`,
	});
	expect(result.status).toBeUndefined();
	return (result.items ?? []).map((output) => output.json);
}

/** The item the contact's message must give: the sandbox's sender, id, time and number id. */
const expectedFor = (message: Json, fields: Partial<ExpectedItem>) =>
	item({
		event: 'message',
		messageId: message.id as string,
		phoneNumber: CONTACT,
		timestamp: iso(Number(message.timestamp)),
		phoneNumberId: PHONE_NUMBER_ID,
		messageType: message.type as string,
		raw: message,
		...fields,
	});

const photoHash = () => sandbox.mediaFile(SAMPLE_PHOTO_ID)!.sha256;

/** [what the contact does, admin route, its body, the fields the item must have]. */
const CONTACT_ACTIONS: Array<[string, string, Json, () => Partial<ExpectedItem>]> = [
	[
		'writes a text',
		'reply',
		{ text: 'Where is my parcel?' },
		() => ({ text: 'Where is my parcel?' }),
	],
	[
		'sends the sample photo with a caption',
		'photo',
		{ caption: 'The box is damaged' },
		() => ({
			text: 'The box is damaged',
			media: expectedMedia({
				id: SAMPLE_PHOTO_ID,
				mimeType: 'image/png',
				sha256: photoHash(),
				caption: 'The box is damaged',
			}),
		}),
	],
	[
		'records the sample voice note',
		'voice',
		{},
		() => ({
			media: expectedMedia({
				id: SAMPLE_VOICE_NOTE_ID,
				mimeType: 'audio/ogg; codecs=opus',
				sha256: sandbox.mediaFile(SAMPLE_VOICE_NOTE_ID)!.sha256,
				voice: true,
			}),
		}),
	],
	[
		'sends a document',
		'inbound',
		{
			message: {
				type: 'document',
				document: { id: SAMPLE_PHOTO_ID, filename: 'scan.png', caption: 'My scan' },
			},
		},
		() => ({
			text: 'My scan',
			media: expectedMedia({
				id: SAMPLE_PHOTO_ID,
				mimeType: 'image/png',
				sha256: photoHash(),
				caption: 'My scan',
				filename: 'scan.png',
			}),
		}),
	],
	[
		'sends a video',
		'inbound',
		{ message: { type: 'video', video: { id: '990001', mime_type: 'video/mp4', sha256: 'dg==' } } },
		() => ({ media: expectedMedia({ id: '990001', mimeType: 'video/mp4', sha256: 'dg==' }) }),
	],
	[
		'sends a sticker',
		'inbound',
		{
			message: { type: 'sticker', sticker: { id: '777', mime_type: 'image/webp', animated: true } },
		},
		() => ({ media: expectedMedia({ id: '777', mimeType: 'image/webp' }) }),
	],
	[
		'shares a location',
		'inbound',
		{
			message: {
				type: 'location',
				location: { latitude: 41.0082, longitude: 28.9784, name: 'Shop', address: 'Fatih' },
			},
		},
		() => ({
			location: {
				latitude: 41.0082,
				longitude: 28.9784,
				name: 'Shop',
				address: 'Fatih',
				url: null,
			},
		}),
	],
	[
		'shares a contact',
		'inbound',
		{
			message: {
				type: 'contacts',
				contacts: [
					{
						name: { formatted_name: 'Ann Lee', first_name: 'Ann' },
						phones: [{ phone: '+1 555 000 9999', wa_id: '15550009999', type: 'CELL' }],
						emails: [{ email: 'ann@example.com', type: 'HOME' }],
					},
				],
			},
		},
		() => ({
			contacts: [
				{
					name: 'Ann Lee',
					phones: [{ phone: '+1 555 000 9999', waId: '15550009999', type: 'CELL' }],
					emails: [{ email: 'ann@example.com', type: 'HOME' }],
				},
			],
		}),
	],
	[
		'reacts to a message',
		'inbound',
		{ message: { type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '🎉' } } },
		() => ({ reaction: { messageId: 'wamid.X', emoji: '🎉' } }),
	],
	[
		'removes a reaction',
		'inbound',
		{ message: { type: 'reaction', reaction: { message_id: 'wamid.X' } } },
		() => ({ reaction: { messageId: 'wamid.X', emoji: null } }),
	],
	[
		'sends a type the node does not know (an order)',
		'inbound',
		{ message: { type: 'order', order: { catalog_id: '1', product_items: [] } } },
		() => ({ event: 'unknown' }),
	],
];

describe('what the contact sends through the sandbox', () => {
	test.each(CONTACT_ACTIONS)(
		'the contact %s: one item from the trigger, the same from Read Callback Events',
		async (_what, route, body, fields) => {
			const posted = await contactSends(route, body);
			expect(posted.message.id).toBe(sandbox.inbound[0].waMessageId);
			const expected = expectedFor(posted.message, fields());
			expect(await triggerItems(posted)).toEqual([expected]);
			const readItems = await read([webhookItem(posted.text, posted.contentType)], {
				options: { deduplicate: false },
			});
			expect(readItems.error).toBeUndefined();
			expect(readItems.items.map((output) => output.json)).toEqual([expected]);
		},
	);

	test("a photo's media.id fetches that photo at Insider (GET /v1/media/{id}, then its URL)", async () => {
		const [photo] = await triggerItems(await contactSends('photo', {}));
		const { id } = photo.media as { id: string };
		const info = await mediaInfo(sandbox.url, id);
		expect(info.status).toBe(200);
		const fetched = await download(info.body.url, true);
		expect(fetched.bytes.equals(sandbox.mediaFile(SAMPLE_PHOTO_ID)!.bytes)).toBe(true);
	});
});
