/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * The Media resource's Download in n8n-core's engine against the sandbox over loopback: the
 * bytes, the key kept to the Base URL's origin, through redirects too.
 */
import http from 'http';
import type { AddressInfo } from 'net';

import { samplePhotoPng, sampleVoiceNoteOgg } from '../../sandbox/media/samples';
import { SAMPLE_PHOTO_ID } from '../../sandbox/server';
import { binaryOf, fileOf } from './binaryItems';
import { mediaWorld } from './mediaWorld';

const KB = 1024;
const MB = 1024 * KB;
const world = mediaWorld();
const { media } = world;

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
		expect(world.sandbox.downloads.map((d) => [d.host, d.carriedApiKey, d.statusCode])).toEqual([
			['127.0.0.1', true, 200],
		]);
	});

	test('a download URL on another host is fetched without the key', async () => {
		world.sandbox.configure({ mediaHost: 'localhost' });
		const result = await media('download', [{ media: { id: SAMPLE_PHOTO_ID } }], {
			binaryPropertyName: 'photo',
			options: { fileName: 'from-contact.png' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary?.photo.fileName).toBe('from-contact.png');
		expect(
			Buffer.from(result.items[0].binary?.photo.data as string, 'base64').equals(samplePhotoPng()),
		).toBe(true);
		expect(world.sandbox.downloads.map((d) => [d.host, d.carriedApiKey])).toEqual([
			['localhost', false],
		]);
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
