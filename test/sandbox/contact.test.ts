/* The contact writes, sends the sample photo and voice note, and any other Meta inbound message;
   each reaches the conversational webhook as Meta's envelope, with the business's phone number
   id, and is recorded so a read receipt can name it. */
import { SAMPLE_PHOTO_ID, SAMPLE_VOICE_NOTE_ID } from '../../sandbox/server';
import type { InsiderSandbox } from '../../sandbox/server';
import { client, startReceiver } from '../support/http';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import { download, mediaInfo } from './botRequests';

type Envelope = {
	object: string;
	entry: Array<{
		changes: Array<{
			value: {
				metadata: { display_phone_number: string; phone_number_id: string };
				contacts: Array<{ wa_id: string }>;
				messages: Array<Record<string, unknown>>;
			};
		}>;
	}>;
};

let sandbox: InsiderSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
	receiver = await startReceiver();
	sandbox = await startTestSandbox({
		phoneNumberId: '109876543210987',
		contactNumber: '+15550002222',
		webhook: { url: `${receiver.url}/hook`, token: 'hook-token' },
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

const admin = async (path: string, body: Record<string, unknown>) =>
	await client.post(`${sandbox.url}/sandbox/${path}`, body);

/** The one inbound message the webhook received, after checking its envelope. */
function received(): Record<string, unknown> {
	expect(receiver.received).toHaveLength(1);
	const [request] = receiver.received;
	expect(request.headers.authorization).toBe('Bearer hook-token');
	const { value } = (request.body as Envelope).entry[0].changes[0];
	expect(value.metadata).toEqual({
		display_phone_number: '15550783881',
		phone_number_id: '109876543210987',
	});
	return value.messages[0];
}

test('a photo arrives as Meta image message with the sample id, its type, hash and caption', async () => {
	const response = await admin('photo', { phoneNumber: '+15550003333', caption: 'My order' });
	expect(response.data).toEqual({ delivered: true });
	const message = received();
	const photo = sandbox.mediaFile(SAMPLE_PHOTO_ID)!;
	expect(message).toMatchObject({ from: '15550003333', type: 'image' });
	expect(message.image).toEqual({
		id: SAMPLE_PHOTO_ID,
		mime_type: 'image/png',
		sha256: photo.sha256,
		caption: 'My order',
	});
	expect(photo.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	expect(sandbox.inbound).toEqual([
		expect.objectContaining({
			waMessageId: message.id,
			phoneNumber: '+15550003333',
			status: 'delivered',
			message,
		}),
	]);
});

test("a voice note arrives as audio with voice: true, Ogg Opus, from the preview's contact by default", async () => {
	expect((await admin('voice', {})).data).toEqual({ delivered: true });
	const message = received();
	expect(message).toMatchObject({ from: '15550002222', type: 'audio' });
	expect(message.audio).toEqual({
		id: SAMPLE_VOICE_NOTE_ID,
		mime_type: 'audio/ogg; codecs=opus',
		sha256: sandbox.mediaFile(SAMPLE_VOICE_NOTE_ID)!.sha256,
		voice: true,
	});
	const bytes = sandbox.mediaFile(SAMPLE_VOICE_NOTE_ID)!.bytes;
	expect(bytes.subarray(0, 4).toString('latin1')).toBe('OggS');
	expect(bytes.subarray(28, 36).toString('latin1')).toBe('OpusHead');
});

test('the media ids of inbound messages resolve through GET /v1/media/{id} and download', async () => {
	await admin('photo', {});
	const { id } = received().image as { id: string };
	const info = await mediaInfo(sandbox.url, id);
	expect(info.status).toBe(200);
	const fetched = await download(info.body.url, true);
	expect(fetched.status).toBe(200);
	expect(fetched.bytes.equals(sandbox.mediaFile(SAMPLE_PHOTO_ID)!.bytes)).toBe(true);
});

test.each([
	[
		'document (stored id: type and hash filled in)',
		{ type: 'document', document: { id: SAMPLE_PHOTO_ID, filename: 'scan.png' } },
		{
			type: 'document',
			document: {
				id: SAMPLE_PHOTO_ID,
				filename: 'scan.png',
				mime_type: 'image/png',
				sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
			},
		},
	],
	[
		'sticker (its own mime_type kept)',
		{ type: 'sticker', sticker: { id: '777', mime_type: 'image/webp', animated: false } },
		{ type: 'sticker', sticker: { id: '777', mime_type: 'image/webp', animated: false } },
	],
	[
		'location',
		{ type: 'location', location: { latitude: 41.0082, longitude: 28.9784, name: 'Shop' } },
		{ type: 'location', location: { latitude: 41.0082, longitude: 28.9784, name: 'Shop' } },
	],
	[
		'contacts',
		{ type: 'contacts', contacts: [{ name: { formatted_name: 'Ann' }, phones: [] }] },
		{ type: 'contacts', contacts: [{ name: { formatted_name: 'Ann' }, phones: [] }] },
	],
	[
		'reaction',
		{ type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '👍' } },
		{ type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '👍' } },
	],
	[
		'a type the trigger does not know',
		{ type: 'order', order: { catalog_id: '1' } },
		{ type: 'order', order: { catalog_id: '1' } },
	],
])('any Meta message: %s', async (_what, message, expected) => {
	expect((await admin('inbound', { message })).data).toEqual({ delivered: true });
	expect(received()).toEqual({
		from: '15550002222',
		id: expect.stringMatching(/^wamid\./),
		timestamp: expect.stringMatching(/^\d+$/),
		...expected,
	});
});

test('the sandbox sets id, sender, time and context itself, whatever the message says', async () => {
	await admin('inbound', {
		message: { type: 'text', text: { body: 'hi' }, id: 'forged', from: '1', context: {} },
	});
	const message = received();
	expect(message.id).toBe(sandbox.inbound[0].waMessageId);
	expect(message.id).not.toBe('forged');
	expect(message.from).toBe('15550002222');
	expect(message.context).toBeUndefined();
});

test('a written reply with a key answers that message: context, key, and a reply recorded with its id', async () => {
	const sent = await client.post(
		`${sandbox.url}/v1/conversational/send`,
		{
			messages: [{ phoneNumber: '+15550004444', message: { type: 'text', text: { body: 'Hi' } } }],
		},
		{ headers: { 'X-INS-AUTH-KEY': TEST_KEY } },
	);
	const [key] = sent.data.keys as string[];
	expect((await admin('reply', { key, text: 'Thanks' })).data).toEqual({ delivered: true });
	const message = received();
	expect(message.context).toEqual({ from: '15550783881', id: sandbox.messages[0].waMessageId });
	expect((receiver.received[0].body as { key: string }).key).toBe(key);
	expect(sandbox.messages[0].replies).toEqual([
		expect.objectContaining({ text: 'Thanks', waMessageId: message.id }),
	]);
	expect(sandbox.inbound[0]).toMatchObject({ answersKey: key, phoneNumber: '+15550004444' });
});

test('bad requests: no type, a number that is not E.164, and no webhook configured', async () => {
	const untyped = await admin('inbound', { message: { text: { body: 'x' } } });
	expect(untyped.status).toBe(400);
	expect(untyped.data.message).toContain('Meta message object with a type');
	const badNumber = await admin('photo', { phoneNumber: '5550001111' });
	expect(badNumber.status).toBe(400);
	expect(badNumber.data.message).toContain('E.164');
	sandbox.configure({ webhook: null });
	try {
		expect((await admin('voice', {})).status).toBe(409);
	} finally {
		sandbox.configure({ webhook: { url: `${receiver.url}/hook`, token: 'hook-token' } });
	}
	expect(receiver.received).toHaveLength(0);
	expect(sandbox.inbound).toHaveLength(0);
});
