import type { InsiderSandbox } from '../../sandbox/server';
import { postSend } from '../support/http';
import { buttons, quickReply, sendBody } from '../support/messages';
import { startTestSandbox } from '../support/sandbox';

let sandbox: InsiderSandbox;
beforeAll(
	async () =>
		(sandbox = await startTestSandbox({ rateLimitPerSecond: 0, requireKnownMediaIds: false })),
);
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

const x = (n: number) => 'x'.repeat(n);
const media = (type: string, value: unknown) => ({ header: { type, [type]: value } });

/** [what, message, field named in the error] */
const invalid: Array<[string, unknown, string]> = [
	[
		'header text over 60',
		quickReply({ header: { type: 'text', text: x(61) } }),
		'messages[0].message.interactive.header.text',
	],
	[
		'empty header text',
		quickReply({ header: { type: 'text', text: '' } }),
		'interactive.header.text',
	],
	[
		'markdown header text',
		quickReply({ header: { type: 'text', text: '*Big* news' } }),
		'interactive.header.text',
	],
	[
		'audio header',
		quickReply({ header: { type: 'audio', audio: { link: 'https://e.com/a.mp3' } } }),
		'interactive.header.type',
	],
	[
		'image with link and id',
		quickReply(media('image', { link: 'https://e.com/a.png', id: '1' })),
		'interactive.header.image',
	],
	['image with neither', quickReply(media('image', {})), 'interactive.header.image'],
	[
		'http image link',
		quickReply(media('image', { link: 'http://e.com/a.png' })),
		'interactive.header.image.link',
	],
	[
		'filename on a video',
		quickReply(media('video', { id: '9', filename: 'a.mp4' })),
		'interactive.header.video.filename',
	],
	['body over 1024', quickReply({ body: { text: x(1025) } }), 'interactive.body.text'],
	['missing body', quickReply({ body: undefined }), 'interactive.body.text'],
	['footer over 60', quickReply({ footer: { text: x(61) } }), 'interactive.footer.text'],
	['no buttons', quickReply({ action: { buttons: [] } }), 'interactive.action.buttons'],
	[
		'4 buttons',
		quickReply({ action: buttons(['a', 'A'], ['b', 'B'], ['c', 'C'], ['d', 'D']) }),
		'interactive.action.buttons',
	],
	['title over 20', quickReply({ action: buttons(['a', x(21)]) }), 'buttons[0].reply.title'],
	[
		'duplicate titles',
		quickReply({ action: buttons(['a', 'Same'], ['b', 'same']) }),
		'buttons[1].reply.title',
	],
	[
		'duplicate ids',
		quickReply({ action: buttons(['a', 'One'], ['a', 'Two']) }),
		'buttons[1].reply.id',
	],
	['id over 256', quickReply({ action: buttons([x(257), 'One']) }), 'buttons[0].reply.id'],
	['id with emoji', quickReply({ action: buttons(['yes👍', 'One']) }), 'buttons[0].reply.id'],
	[
		'id with a trailing space',
		quickReply({ action: buttons(['yes ', 'One']) }),
		'buttons[0].reply.id',
	],
	[
		'button type not reply',
		quickReply({ action: { buttons: [{ type: 'url', reply: { id: 'a', title: 'A' } }] } }),
		'buttons[0].type',
	],
	[
		'interactive type list without sections',
		{ type: 'interactive', interactive: { type: 'list', body: { text: 'x' }, action: {} } },
		'interactive.action.sections',
	],
	['unknown message type', { type: 'hologram' }, 'message.type'],
	['text over 4096', { type: 'text', text: { body: x(4097) } }, 'message.text.body'],
];

describe('quick-reply validation over HTTP', () => {
	test.each(invalid)(
		'rejects %s with code 2002 naming the field',
		async (_what, message, field) => {
			const response = await postSend(sandbox.url, sendBody(message));
			expect(response.status).toBe(400);
			expect(response.body.error).toEqual({ code: 2002, message: 'failed to validate request' });
			expect(response.body.errorCode).toBe('2002');
			expect(response.body.message).toBe('failed to validate request');
			expect(response.body.errors).toContain(field);
			expect(sandbox.messages).toHaveLength(0);
		},
	);

	test('rejects a phone number that is not E.164', async () => {
		for (const phoneNumber of [
			'15550001111',
			'+0555000111',
			'+1234567',
			'+1234567890123456',
			'+1555 0001111',
		]) {
			const response = await postSend(sandbox.url, sendBody(quickReply(), phoneNumber));
			expect(response.status).toBe(400);
			expect(response.body.errors).toContain('messages[0].phoneNumber');
		}
	});

	test('names the index of the invalid message and accepts nothing from the request', async () => {
		const body = {
			messages: [
				{ phoneNumber: '+15550001111', message: quickReply() },
				{ phoneNumber: '+15550002222', message: quickReply({ body: { text: x(1025) } }) },
			],
		};
		const response = await postSend(sandbox.url, body);
		expect(response.status).toBe(400);
		expect(response.body.errors).toContain('messages[1].message.interactive.body.text');
		expect(response.body.errors).not.toContain('messages[0]');
		expect(sandbox.messages).toHaveLength(0);
	});

	test('accepts every boundary value: 60, 1024, 60, 20, 256 characters and 3 buttons', async () => {
		const message = quickReply({
			header: { type: 'text', text: x(59) + '🚚' },
			body: { text: x(1024) },
			footer: { text: x(60) },
			action: buttons([x(256), x(20)], ['b', 'B'], ['c', 'C']),
		});
		const response = await postSend(sandbox.url, sendBody(message));
		expect(response.status).toBe(200);
		expect(sandbox.messages).toHaveLength(1);
	});

	test.each([
		['image link', media('image', { link: 'https://example.com/a.png' })],
		['video id', media('video', { id: '1234567890' })],
		[
			'document with filename',
			media('document', { link: 'https://example.com/a.pdf', filename: 'a.pdf' }),
		],
	])('accepts a %s header', async (_what, header) => {
		const response = await postSend(sandbox.url, sendBody(quickReply(header)));
		expect(response.status).toBe(200);
	});

	test("an empty messages array fails the required rule, as in Insider's sample", async () => {
		const response = await postSend(sandbox.url, { messages: [] });
		expect(response.status).toBe(400);
		expect(response.body.errors).toContain("Key: 'SubProductMessages.Messages'");
	});

	test('malformed JSON is answered with code 2001', async () => {
		const response = await postSend(sandbox.url, '{"messages": [');
		expect(response.status).toBe(400);
		expect((response.body.error as { code: number }).code).toBe(2001);
		expect(response.body.errorCode).toBe('2001');
	});

	test('text, media and template messages go through /v1/send structurally checked', async () => {
		const ok = await postSend(
			sandbox.url,
			sendBody({
				type: 'template',
				template: { name: 'order_update', language: { code: 'en' } },
			}),
			{},
			'/v1/send',
		);
		expect(ok.status).toBe(200);
		const bad = await postSend(sandbox.url, sendBody({ type: 'image', image: {} }), {}, '/v1/send');
		expect(bad.status).toBe(400);
	});
});

describe('successful sends', () => {
	test('one whatsapp-<uuid> key per message, in order, each recorded with its request and sender', async () => {
		const body = {
			from: '+15550783881',
			messages: ['+15550001111', '+15550002222', '+15550003333'].map((phoneNumber) => ({
				phoneNumber,
				message: quickReply(),
			})),
		};
		const response = await postSend(sandbox.url, body);
		expect(response.status).toBe(200);
		const keys = response.body.keys as string[];
		expect(keys).toHaveLength(3);
		for (const key of keys)
			expect(key).toMatch(
				/^whatsapp-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
			);
		expect(sandbox.messages.map((m) => [m.key, m.phoneNumber, m.from])).toEqual([
			[keys[0], '+15550001111', '+15550783881'],
			[keys[1], '+15550002222', '+15550783881'],
			[keys[2], '+15550003333', '+15550783881'],
		]);
		expect(sandbox.messages[0].message).toEqual(quickReply());
		expect(new Set(sandbox.messages.map((m) => m.requestId)).size).toBe(1);
	});
});
