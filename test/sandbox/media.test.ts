/* Media: POST /v1/media/upload answers an id, GET /v1/media/{id} Meta's media object, the
   download URL works on the API host with the key or on another host name of the same server
   without (recorded either way), and sends may name media ids. Limits: mediaLimits.test.ts. */
import { createHash } from 'crypto';

import { SAMPLE_PHOTO_ID } from '../../sandbox/server';
import type { InsiderSandbox } from '../../sandbox/server';
import { postSend } from '../support/http';
import { sendBody } from '../support/messages';
import { startTestSandbox } from '../support/sandbox';
import { download, mediaInfo, upload, uploadFile } from './botRequests';

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
