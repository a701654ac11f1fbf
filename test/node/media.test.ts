/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/** The Media resource in n8n-core's engine against the sandbox over loopback. */
import { createHash } from 'crypto';
import http from 'http';
import type { AddressInfo } from 'net';

import { samplePhotoPng, sampleVoiceNoteOgg } from '../../sandbox/media/samples';
import type { InsiderSandbox } from '../../sandbox/server';
import { SAMPLE_PHOTO_ID } from '../../sandbox/server';
import { runInsiderWhatsApp } from '../support/engine';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import { binaryOf, fileOf } from './binaryItems';

const KB = 1024;
const MB = 1024 * KB;
let sandbox: InsiderSandbox;
beforeAll(async () => (sandbox = await startTestSandbox({ rateLimitPerSecond: 0 })));
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	sandbox.reset();
	sandbox.configure({ mediaHost: undefined });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const media = (
	operation: string,
	items: object[],
	fields: Record<string, unknown> = {},
	extra: {
		binaries?: ReturnType<typeof binaryOf>[];
		continueOnFail?: boolean;
		baseUrl?: string;
	} = {},
) =>
	runInsiderWhatsApp({
		parameters: { resource: 'media', operation, ...fields },
		items: items as never,
		binaries: extra.binaries,
		credentials: { apiKey: TEST_KEY, baseUrl: extra.baseUrl ?? sandbox.url },
		continueOnFail: extra.continueOnFail,
	});

const uploads = () => sandbox.requests.filter((r) => r.kind === 'mediaUpload');

describe('Upload', () => {
	test('a binary file becomes a WhatsApp media ID: the sandbox holds the same bytes, type and name', async () => {
		const photo = samplePhotoPng();
		const result = await media(
			'upload',
			[{}],
			{},
			{ binaries: [binaryOf(photo, 'image/png', 'shop.png')] },
		);
		expect(result.error).toBeUndefined();
		const [stored] = sandbox.mediaList().filter((m) => m.origin === 'upload');
		expect(result.items.map((i) => [i.json, i.pairedItem])).toEqual([
			[
				{ id: stored.id, mimeType: 'image/png', fileName: 'shop.png', size: photo.length },
				{ item: 0 },
			],
		]);
		expect(stored).toMatchObject({
			mimeType: 'image/png',
			fileName: 'shop.png',
			sha256: sha256(photo),
		});
	});

	test('the same bytes in three items are uploaded once and give one ID; other bytes their own', async () => {
		const photo = samplePhotoPng();
		const voice = sampleVoiceNoteOgg();
		const result = await media(
			'upload',
			[{}, {}, {}, {}],
			{},
			{
				binaries: [
					binaryOf(photo, 'image/png', 'a.png'),
					binaryOf(voice, 'audio/ogg; codecs=opus', 'v.ogg'),
					binaryOf(photo, 'image/png', 'a.png'),
					binaryOf(photo, 'image/png', 'a.png'),
				],
			},
		);
		expect(uploads()).toHaveLength(2);
		const ids = result.items.map((i) => i.json.id);
		expect(ids[0]).toBe(ids[2]);
		expect(ids[0]).toBe(ids[3]);
		expect(ids[1]).not.toBe(ids[0]);
	});

	test.each([
		[
			'an image over 5 MB',
			fileOf(5 * MB + 1),
			'image/png',
			'Item 1, Input Binary Field: the file "f" is 5 MB (5242881 bytes); the limit for an image is 5 MB',
		],
		[
			'a type WhatsApp does not take',
			fileOf(10),
			'image/gif',
			'Item 1, Input Binary Field: the file "f" is image/gif, which WhatsApp does not take; use one of',
		],
		[
			'an empty file',
			fileOf(0),
			'application/pdf',
			'Item 1, Input Binary Field: the file "f" is empty',
		],
	])(
		'%s is refused before any upload, naming the item and field',
		async (_name, bytes, type, error) => {
			const result = await media(
				'upload',
				[{}, {}],
				{},
				{
					binaries: [binaryOf(samplePhotoPng(), 'image/png', 'ok.png'), binaryOf(bytes, type, 'f')],
				},
			);
			expect(result.error?.message.startsWith(error)).toBe(true);
			expect(sandbox.requests).toEqual([]);
		},
	);

	test('what only the bytes tell is checked before that file is uploaded: static stickers, OGG without Opus', async () => {
		const webp = (size: number, animated: boolean) => {
			const bytes = fileOf(size, 'RIFF\0\0\0\0WEBPVP8X');
			bytes[20] = animated ? 0x02 : 0x00;
			return bytes;
		};
		const result = await media(
			'upload',
			[{}, {}, {}],
			{},
			{
				continueOnFail: true,
				binaries: [
					binaryOf(webp(200 * KB, true), 'image/webp', 'animated.webp'),
					binaryOf(webp(200 * KB, false), 'image/webp', 'static.webp'),
					binaryOf(fileOf(100, 'OggS'), 'audio/ogg', 'vorbis.ogg'),
				],
			},
		);
		expect(result.items.map((i) => i.json.status ?? 'uploaded')).toEqual([
			'uploaded',
			'invalid',
			'invalid',
		]);
		expect(result.items[1].json.error).toBe(
			'Item 1, Input Binary Field: the file "static.webp" is a static sticker of 200 KB; the limit for a static sticker is 100 KB (500 KB animated)',
		);
		expect(result.items[2].json.error).toBe(
			'Item 2, Input Binary Field: the file "vorbis.ogg" is OGG audio without the Opus codec; WhatsApp takes OGG only as Opus',
		);
		expect(uploads()).toHaveLength(1);
	});

	test('an item without the binary field names the fields it has', async () => {
		const result = await media(
			'upload',
			[{}],
			{ binaryPropertyName: 'file' },
			{
				binaries: [binaryOf(samplePhotoPng(), 'image/png', 'a.png')],
			},
		);
		expect(result.error?.message).toBe(
			'Item 0, Input Binary Field: the item has no binary field "file" (it has "data")',
		);
	});

	test('a 500 is asked again up to Max Retries, then says to run the workflow later', async () => {
		sandbox.faults.add({ kind: 'server-error', count: 3 });
		const result = await media(
			'upload',
			[{}],
			{ options: { maxRetries: 1 } },
			{
				binaries: [binaryOf(samplePhotoPng(), 'image/png', 'a.png')],
			},
		);
		expect(result.error?.message).toBe(
			'Insider could not upload the media: it answered 500, still after 1 retries',
		);
		expect(uploads()).toHaveLength(2);
	});

	test("Insider's refusal of an upload says what to check, with Insider's words", async () => {
		// Insider's documentation lists CSV documents, Meta's (and so the sandbox's) does not.
		const result = await media(
			'upload',
			[{}],
			{},
			{
				binaries: [binaryOf(fileOf(10, 'a,b'), 'text/csv', 'list.csv')],
			},
		);
		expect(result.error?.message).toBe('Insider refused to upload the media (400, code 2002)');
		expect(result.error?.description).toMatch(
			/^Check the file's type and size against WhatsApp's limits .* Insider said: .*unsupported media type "text\/csv"/,
		);
	});
});

describe('Get URL', () => {
	test("Meta's media object for an uploaded file and for the contact's sample photo", async () => {
		const photo = samplePhotoPng();
		const uploaded = await media(
			'upload',
			[{}],
			{},
			{ binaries: [binaryOf(photo, 'image/png', 'a.png')] },
		);
		const id = uploaded.items[0].json.id as string;
		const result = await media('getUrl', [{ id }, { media: { id: SAMPLE_PHOTO_ID } }], {
			mediaId: '={{ $json.id ?? $json.media.id }}',
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([
			{
				messaging_product: 'whatsapp',
				url: expect.stringMatching(
					/^http:\/\/127\.0\.0\.1:\d+\/whatsapp_business\/attachments\/\?mid=/,
				),
				mime_type: 'image/png',
				sha256: sha256(photo),
				file_size: photo.length,
				id,
			},
			expect.objectContaining({ id: SAMPLE_PHOTO_ID, mime_type: 'image/png' }),
		]);
	});

	test("the default Media ID is the trigger's media.id; an unknown ID is Insider's 404 with code 2018", async () => {
		const result = await media('getUrl', [{ media: { id: '999' } }], {});
		expect(result.error?.message).toBe(
			'Insider refused to find the media (404, code 2018: media information not found)',
		);
		expect(result.error?.description).toMatch(/^Check Media ID/);
		const empty = await media('getUrl', [{ media: null }], {});
		expect(empty.error?.message).toMatch(/^Item 0, Media ID: is empty/);
	});
});

describe('Download', () => {
	test("the bytes of the contact's voice note reach n8n as binary data, with the key on the API host", async () => {
		const result = await media('download', [{ media: { id: '2460000000000002' } }], {});
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({
			id: '2460000000000002',
			mime_type: 'audio/ogg; codecs=opus',
		});
		const binary = item.binary?.data;
		expect(binary).toMatchObject({
			mimeType: 'audio/ogg; codecs=opus',
			fileName: '2460000000000002.ogg',
		});
		expect(Buffer.from(binary?.data as string, 'base64').equals(sampleVoiceNoteOgg())).toBe(true);
		expect(sandbox.downloads.map((d) => [d.host, d.carriedApiKey, d.statusCode])).toEqual([
			['127.0.0.1', true, 200],
		]);
	});

	test('a download URL on another host is fetched without the key', async () => {
		sandbox.configure({ mediaHost: 'localhost' });
		const result = await media('download', [{ media: { id: SAMPLE_PHOTO_ID } }], {
			binaryPropertyName: 'photo',
			options: { fileName: 'from-contact.png' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary?.photo.fileName).toBe('from-contact.png');
		expect(
			Buffer.from(result.items[0].binary?.photo.data as string, 'base64').equals(samplePhotoPng()),
		).toBe(true);
		expect(sandbox.downloads.map((d) => [d.host, d.carriedApiKey])).toEqual([['localhost', false]]);
	});

	test('upload, get URL and download give back identical bytes', async () => {
		const pdf = fileOf(300 * KB, '%PDF-1.7');
		const uploaded = await media(
			'upload',
			[{}],
			{},
			{ binaries: [binaryOf(pdf, 'application/pdf', 'c.pdf')] },
		);
		const result = await media('download', [uploaded.items[0].json], {
			mediaId: '={{ $json.id }}',
		});
		expect(Buffer.from(result.items[0].binary?.data.data as string, 'base64').equals(pdf)).toBe(
			true,
		);
	});

	test('a file announced larger than Max File Size is not read', async () => {
		const result = await media('download', [{ media: { id: SAMPLE_PHOTO_ID } }], {
			options: { maxFileSizeMb: samplePhotoPng().length / MB / 2 },
		});
		expect(result.error?.message).toMatch(/^The file is \d+ bytes, more than Max File Size/);
	});
});

describe('Download redirects', () => {
	/** An "Insider" whose download URL redirects to another host, recording who got the key. */
	async function redirectingInsider() {
		const seen: Array<{ host: string; path: string; key: boolean }> = [];
		const server = http.createServer((request, response) => {
			const host = String(request.headers.host);
			seen.push({ host, path: request.url ?? '', key: 'x-ins-auth-key' in request.headers });
			const port = (server.address() as AddressInfo).port;
			if (request.url === '/v1/media/42') {
				response.writeHead(200, { 'Content-Type': 'application/json' });
				response.end(
					JSON.stringify({
						url: `http://127.0.0.1:${port}/first`,
						mime_type: 'image/png',
						id: '42',
					}),
				);
			} else if (request.url === '/first') {
				response.writeHead(302, { Location: '/second' }).end();
			} else if (request.url === '/second') {
				response.writeHead(302, { Location: `http://localhost:${port}/file` }).end();
			} else {
				response.writeHead(200, { 'Content-Type': 'image/png' }).end(samplePhotoPng());
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return { server, seen, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
	}

	test("the key follows redirects on the Base URL's origin only", async () => {
		const insider = await redirectingInsider();
		try {
			const result = await media(
				'download',
				[{ media: { id: '42' } }],
				{},
				{ baseUrl: insider.url },
			);
			expect(result.error).toBeUndefined();
			expect(insider.seen.map((s) => [s.host.split(':')[0], s.path, s.key])).toEqual([
				['127.0.0.1', '/v1/media/42', true],
				['127.0.0.1', '/first', true],
				['127.0.0.1', '/second', true],
				['localhost', '/file', false],
			]);
		} finally {
			insider.server.closeAllConnections();
			await new Promise((resolve) => insider.server.close(resolve));
		}
	});
});
