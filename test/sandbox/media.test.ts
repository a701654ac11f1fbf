/* Media: POST /v1/media/upload (multipart, WhatsApp's types and sizes), GET /v1/media/{id}
   (Meta's media object), the download URL on the API host (key required) or on another host
   name of the same server (no key, recorded), and sends naming media ids. */
import { createHash } from 'crypto';

import { SAMPLE_PHOTO_ID } from '../../sandbox/server';
import type { InsiderSandbox } from '../../sandbox/server';
import { postSend } from '../support/http';
import { sendBody } from '../support/messages';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import { download, mediaInfo, upload, uploadFile } from './botRequests';

const KB = 1024;
const MB = 1024 * KB;
let sandbox: InsiderSandbox;
beforeAll(async () => (sandbox = await startTestSandbox({ rateLimitPerSecond: 0 })));
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ mediaHost: undefined, requireKnownMediaIds: false });
});

const bytes = (size: number, head = '') => {
	const buffer = Buffer.alloc(size, 0x61);
	buffer.write(head, 0, 'latin1');
	return buffer;
};
/** A WebP whose VP8X header says animated (flag 0x02) or not. */
const webp = (size: number, animated: boolean) => {
	const buffer = bytes(size, 'RIFF\0\0\0\0WEBPVP8X');
	buffer[20] = animated ? 0x02 : 0x00;
	return buffer;
};
const OGG_OPUS = `OggS${'\0'.repeat(24)}OpusHead`;

test('an upload answers {"id"}; the media object describes the bytes; the admin API counts it', async () => {
	const pdf = bytes(3000, '%PDF-1.4');
	const uploaded = await upload(sandbox.url, {
		bytes: pdf,
		type: 'application/pdf',
		messagingProduct: 'whatsapp',
		fileName: 'menu.pdf',
	});
	expect(uploaded.status).toBe(200);
	expect(uploaded.body).toEqual({ id: expect.stringMatching(/^\d{16}$/) });
	const info = await mediaInfo(sandbox.url, uploaded.body.id);
	expect(info.status).toBe(200);
	expect(info.body).toEqual({
		messaging_product: 'whatsapp',
		url: expect.stringContaining(`${sandbox.url}/whatsapp_business/attachments/?mid=`),
		mime_type: 'application/pdf',
		sha256: createHash('sha256').update(pdf).digest('hex'),
		file_size: 3000,
		id: uploaded.body.id,
	});
	const uploads = sandbox.mediaList().filter((m) => m.origin === 'upload');
	expect(uploads).toEqual([
		expect.objectContaining({
			id: uploaded.body.id,
			size: 3000,
			mimeType: 'application/pdf',
			fileName: 'menu.pdf',
		}),
	]);
	expect(sandbox.requests.map((r) => [r.kind, r.statusCode])).toEqual([
		['mediaUpload', 200],
		['mediaInfo', 200],
	]);
});

test('an unknown media id is a 404 with an Insider-style body (code 2018)', async () => {
	const info = await mediaInfo(sandbox.url, '1234567890123456');
	expect(info.status).toBe(404);
	expect(info.body.error).toEqual({ code: 2018, message: 'media not found' });
});

describe('downloads', () => {
	test('on the API host the key is required, as for Meta downloads', async () => {
		const { body } = await uploadFile(sandbox.url, bytes(100, '\x89PNG'), 'image/png');
		const { url } = (await mediaInfo(sandbox.url, body.id)).body;
		expect((await download(url, false)).status).toBe(401);
		const fetched = await download(url, true);
		expect(fetched.status).toBe(200);
		expect(fetched.bytes.equals(bytes(100, '\x89PNG'))).toBe(true);
		expect(sandbox.downloads).toEqual([
			expect.objectContaining({
				mediaId: body.id,
				host: '127.0.0.1',
				carriedApiKey: false,
				statusCode: 401,
			}),
			expect.objectContaining({
				mediaId: body.id,
				host: '127.0.0.1',
				carriedApiKey: true,
				statusCode: 200,
			}),
		]);
	});

	test('on another media host the URL alone downloads, and whether the key came along is recorded', async () => {
		sandbox.configure({ mediaHost: 'localhost' });
		const { body } = await uploadFile(sandbox.url, bytes(100, '\x89PNG'), 'image/png');
		const { url } = (await mediaInfo(sandbox.url, body.id)).body;
		expect(new URL(url).hostname).toBe('localhost');
		expect((await download(url, false)).status).toBe(200);
		expect((await download(url, true)).status).toBe(200);
		expect(sandbox.downloads.map((d) => [d.host, d.carriedApiKey])).toEqual([
			['localhost', false],
			['localhost', true],
		]);
	});

	test('a wrong hash or an unknown id is a 404', async () => {
		const { body } = await uploadFile(sandbox.url, bytes(100, '\x89PNG'), 'image/png');
		const url = new URL((await mediaInfo(sandbox.url, body.id)).body.url);
		url.searchParams.set('hash', 'guessed');
		expect((await download(url.href, true)).status).toBe(404);
		url.searchParams.set('mid', SAMPLE_PHOTO_ID);
		expect((await download(url.href, true)).status).toBe(404);
	});
});

describe('upload limits: 400 code 2002 naming the field, nothing stored', () => {
	test.each([
		['image/png', 5 * MB, '5 MB'],
		['video/mp4', 16 * MB, '16 MB'],
		['audio/mpeg', 16 * MB, '16 MB'],
		['application/pdf', 100 * MB, '100 MB'],
	])('%s: %d bytes pass, one more is refused', async (type, limit, shown) => {
		const file = bytes(limit + 1);
		expect((await uploadFile(sandbox.url, file.subarray(0, limit), type)).status).toBe(200);
		const over = await uploadFile(sandbox.url, file, type);
		expect(over.status).toBe(400);
		expect(over.body.errors).toContain(
			`Key: 'file' Error: size ${limit + 1} bytes exceeds the ${shown} limit for ${type}`,
		);
		expect(sandbox.mediaList().filter((m) => m.origin === 'upload')).toHaveLength(1);
	});

	test('every type WhatsApp lists is accepted: JPEG/PNG, MP4/3GPP, AAC/AMR/MP3/M4A, PDF/text/Office, WebP', async () => {
		const types = [
			...['image/jpeg', 'image/png', 'video/mp4', 'video/3gpp', 'audio/aac', 'audio/amr'],
			...['audio/mpeg', 'audio/mp4', 'text/plain', 'application/pdf', 'application/msword'],
			...['application/vnd.ms-excel', 'application/vnd.ms-powerpoint'],
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'application/vnd.openxmlformats-officedocument.presentationml.presentation',
			'image/webp',
		];
		const answers = await Promise.all(
			types.map((type) => uploadFile(sandbox.url, bytes(64), type)),
		);
		expect(answers.map((a) => a.status)).toEqual(types.map(() => 200));
		expect(
			sandbox
				.mediaList()
				.filter((m) => m.origin === 'upload')
				.map((m) => m.mimeType)
				.sort(),
		).toEqual([...types].sort());
	});

	test('OGG audio: Opus up to 16 MB passes; without OpusHead, or another codec, is refused', async () => {
		const opus = bytes(16 * MB + 1, OGG_OPUS);
		expect((await uploadFile(sandbox.url, opus.subarray(0, 16 * MB), 'audio/ogg')).status).toBe(
			200,
		);
		expect(
			(await uploadFile(sandbox.url, bytes(100, OGG_OPUS), 'audio/ogg; codecs=opus')).status,
		).toBe(200);
		const vorbis = await uploadFile(sandbox.url, bytes(100, 'OggS'), 'audio/ogg');
		expect(vorbis.body.errors).toContain("Key: 'file' Error: OGG audio must be Opus-encoded");
		const declared = await uploadFile(
			sandbox.url,
			bytes(100, OGG_OPUS),
			'audio/ogg; codecs=vorbis',
		);
		expect(declared.status).toBe(400);
		const over = await uploadFile(sandbox.url, opus, 'audio/ogg');
		expect(over.body.errors).toContain('exceeds the 16 MB limit for audio/ogg');
	});

	test('stickers: 100 KB static, 500 KB animated', async () => {
		expect((await uploadFile(sandbox.url, webp(100 * KB, false), 'image/webp')).status).toBe(200);
		const bigStatic = await uploadFile(sandbox.url, webp(100 * KB + 1, false), 'image/webp');
		expect(bigStatic.body.errors).toContain(
			`size ${100 * KB + 1} bytes exceeds the 100 KB limit for a static sticker`,
		);
		expect((await uploadFile(sandbox.url, webp(500 * KB, true), 'image/webp')).status).toBe(200);
		const bigAnimated = await uploadFile(sandbox.url, webp(500 * KB + 1, true), 'image/webp');
		expect(bigAnimated.body.errors).toContain('exceeds the 500 KB limit for an animated sticker');
	});

	test.each([
		['an unsupported type', { type: 'image/gif' }, 'type', 'unsupported media type "image/gif"'],
		['no type', { type: undefined }, 'type', 'required'],
		[
			'another messaging product',
			{ messagingProduct: 'sms' },
			'messaging_product',
			'must be one of whatsapp',
		],
		[
			'no messaging product',
			{ messagingProduct: undefined },
			'messaging_product',
			'must be one of whatsapp',
		],
		['no file', { bytes: undefined }, 'file', 'required'],
		['an empty file', { bytes: Buffer.alloc(0) }, 'file', 'must not be empty'],
	])('%s', async (_what, change, field, problem) => {
		const parts = { bytes: bytes(10), type: 'text/plain', messagingProduct: 'whatsapp', ...change };
		const refused = await upload(sandbox.url, parts);
		expect(refused.status).toBe(400);
		expect(refused.body.error).toEqual({ code: 2002, message: 'failed to validate request' });
		expect(refused.body.errors).toContain(`Key: '${field}' Error: ${problem}`);
		expect(sandbox.mediaList().filter((m) => m.origin === 'upload')).toEqual([]);
	});

	test('a body that is not multipart gets code 2001', async () => {
		const response = await fetch(`${sandbox.url}/v1/media/upload`, {
			method: 'POST',
			headers: { 'X-INS-AUTH-KEY': TEST_KEY, 'Content-Type': 'application/json' },
			body: '{}',
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as { error: { code: number } }).error.code).toBe(2001);
	});

	test('a multipart body cut short, before its closing boundary, gets code 2001', async () => {
		const boundary = 'cut-short';
		const response = await fetch(`${sandbox.url}/v1/media/upload`, {
			method: 'POST',
			headers: {
				'X-INS-AUTH-KEY': TEST_KEY,
				'Content-Type': `multipart/form-data; boundary="${boundary}"`,
			},
			body: `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\ntext/plain`,
		});
		const body = (await response.json()) as { error: { code: number }; errors: string };
		expect([response.status, body.error.code]).toEqual([400, 2001]);
		expect(body.errors).toContain('without its closing boundary');
	});

	test('a wrong key gets 401 before anything is stored', async () => {
		const refused = await upload(
			sandbox.url,
			{ bytes: bytes(10), type: 'text/plain', messagingProduct: 'whatsapp' },
			{ 'X-INS-AUTH-KEY': 'INS.nope' },
		);
		expect([refused.status, refused.raw]).toEqual([401, '{"message":"unauthorized"}']);
		expect(
			(await mediaInfo(sandbox.url, SAMPLE_PHOTO_ID, { 'X-INS-AUTH-KEY': 'INS.nope' })).status,
		).toBe(401);
		expect(sandbox.mediaList().filter((m) => m.origin === 'upload')).toEqual([]);
	});
});

describe('sending media by id', () => {
	const image = (id: string) => ({ type: 'image', image: { id } });

	test('by default any id passes, as the sandbox did before it issued ids', async () => {
		expect((await postSend(sandbox.url, sendBody(image('42')))).status).toBe(200);
	});

	test('with requireKnownMediaIds, an unknown id is refused naming where it stands; uploaded and sample ids pass', async () => {
		sandbox.configure({ requireKnownMediaIds: true });
		const { body } = await uploadFile(sandbox.url, bytes(100, '\x89PNG'), 'image/png');
		const header = { type: 'image', image: { id: '999' } };
		const template = {
			type: 'template',
			template: {
				name: 'promo',
				language: { code: 'en', policy: 'deterministic' },
				components: [
					{ type: 'header', parameters: [{ type: 'document', document: { id: '888' } }] },
				],
			},
		};
		const refused = await postSend(sandbox.url, {
			messages: [
				{ phoneNumber: '+15550001111', message: image('12345') },
				{
					phoneNumber: '+15550001111',
					message: {
						type: 'interactive',
						interactive: {
							type: 'button',
							header,
							body: { text: 'Hi' },
							action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }] },
						},
					},
				},
				{ phoneNumber: '+15550001111', message: template },
			],
		});
		expect(refused.status).toBe(400);
		const errors = String(refused.body.errors);
		expect(errors).toContain(
			'Key: \'messages[0].message.image.id\' Error: unknown media id "12345"',
		);
		expect(errors).toContain("Key: 'messages[1].message.interactive.header.image.id'");
		expect(errors).toContain(
			"Key: 'messages[2].message.template.components[0].parameters[0].document.id'",
		);
		const accepted = await postSend(sandbox.url, {
			messages: [
				{ phoneNumber: '+15550001111', message: image(body.id) },
				{ phoneNumber: '+15550001111', message: image(SAMPLE_PHOTO_ID) },
			],
		});
		expect(accepted.status).toBe(200);
	});

	test('reset forgets uploads: their ids are unknown afterwards, the samples stay', async () => {
		const { body } = await uploadFile(sandbox.url, bytes(100, '\x89PNG'), 'image/png');
		sandbox.reset();
		expect((await mediaInfo(sandbox.url, body.id)).status).toBe(404);
		expect((await mediaInfo(sandbox.url, SAMPLE_PHOTO_ID)).status).toBe(200);
	});
});
