/* Uploads against WhatsApp's media types and sizes: each kind's limit byte for byte, Opus-only
   OGG, static and animated stickers, and the multipart fields, each refusal a 400 code 2002
   naming the field (2001 for a body that is not multipart), with nothing stored. */
import type { InsiderSandbox } from '../../sandbox/server';
import { SAMPLE_PHOTO_ID } from '../../sandbox/server';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import { mediaInfo, upload, uploadFile } from './botRequests';

// Uploading 100 MB twice over loopback takes seconds on a busy machine; Jest's 5 s default is
// no statement about the sandbox.
jest.setTimeout(60_000);

const KB = 1024;
const MB = 1024 * KB;
let sandbox: InsiderSandbox;
beforeAll(async () => (sandbox = await startTestSandbox({ rateLimitPerSecond: 0 })));
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

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
