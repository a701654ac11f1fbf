/** The Media resource's Upload and Get URL in n8n-core's engine against the sandbox over loopback. */
import { createHash } from 'crypto';

import { samplePhotoPng, sampleVoiceNoteOgg } from '../../sandbox/media/samples';
import { SAMPLE_PHOTO_ID } from '../../sandbox/server';
import { binaryOf, fileOf } from './binaryItems';
import { mediaWorld } from './mediaWorld';

const KB = 1024;
const MB = 1024 * KB;
const world = mediaWorld();
const { media } = world;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const uploads = () => world.sandbox.requests.filter((r) => r.kind === 'mediaUpload');

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
		const [stored] = world.sandbox.mediaList().filter((m) => m.origin === 'upload');
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
			expect(world.sandbox.requests).toEqual([]);
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
		world.sandbox.faults.add({ kind: 'server-error', count: 3 });
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
