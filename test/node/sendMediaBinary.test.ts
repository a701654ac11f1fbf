/** Send Media from a binary file, in n8n-core's engine against the sandbox over loopback. */
import type { InsiderSandbox } from '../../sandbox/server';
import { runInsiderWhatsApp } from '../support/engine';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import { binaryOf, fileOf } from './binaryItems';

const KB = 1024;
let sandbox: InsiderSandbox;
// Media ids in sends must be ones the sandbox issued, as Meta requires.
beforeAll(
	async () =>
		(sandbox = await startTestSandbox({ rateLimitPerSecond: 0, requireKnownMediaIds: true })),
);
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

const contacts = (count: number) =>
	Array.from({ length: count }, (_, i) => ({ phone: `+1555${String(2000000 + i)}` }));

const sendMedia = (
	items: object[],
	binaries: ReturnType<typeof binaryOf>[],
	fields: Record<string, unknown> = {},
	continueOnFail = false,
) =>
	runInsiderWhatsApp({
		parameters: {
			resource: 'message',
			operation: 'sendMedia',
			phoneNumber: '={{ $json.phone }}',
			mediaType: 'document',
			mediaSource: 'binary',
			caption: 'Our spring catalogue',
			options: {},
			...fields,
		},
		items: items as never,
		binaries,
		credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
		continueOnFail,
	});

const kinds = () => sandbox.requests.map((r) => r.kind);
const pdf = fileOf(200 * KB, '%PDF-1.7');

test('one PDF to 100 contacts: one upload, then every message sends its media ID', async () => {
	const items = contacts(100);
	const result = await sendMedia(
		items,
		items.map(() => binaryOf(pdf, 'application/pdf', 'catalogue.pdf')),
	);
	expect(result.error).toBeUndefined();
	expect(kinds()).toEqual(['mediaUpload', 'send', 'send']);
	const [stored] = sandbox.mediaList().filter((m) => m.origin === 'upload');
	expect(sandbox.messages.map((m) => m.message)).toEqual(
		items.map(() => ({
			type: 'document',
			document: { id: stored.id, filename: 'catalogue.pdf', caption: 'Our spring catalogue' },
		})),
	);
	expect(result.items.map((i) => i.json.status)).toEqual(items.map(() => 'accepted'));
});

test('two different files over four items: two uploads, each item sends its own', async () => {
	const photo = (color: string) => fileOf(1000, `\x89PNG${color}`);
	const result = await sendMedia(
		contacts(4),
		[photo('red'), photo('blue'), photo('red'), photo('blue')].map((bytes) =>
			binaryOf(bytes, 'image/png'),
		),
		{ mediaType: 'image', caption: '' },
	);
	expect(result.error).toBeUndefined();
	expect(kinds().filter((kind) => kind === 'mediaUpload')).toHaveLength(2);
	const ids = sandbox.messages.map((m) => (m.message.image as { id: string }).id);
	expect(ids[0]).toBe(ids[2]);
	expect(ids[1]).toBe(ids[3]);
	expect(ids[0]).not.toBe(ids[1]);
});

test('a file that is not the chosen Media Type stops the node before any upload, naming item and field', async () => {
	const result = await sendMedia(
		contacts(2),
		[binaryOf(fileOf(10, '\x89PNG'), 'image/png'), binaryOf(pdf, 'application/pdf', 'c.pdf')],
		{ mediaType: 'image' },
	);
	expect(result.error?.message).toBe(
		'Item 1, Input Binary Field: the file "c.pdf" is application/pdf; WhatsApp takes an image as JPEG or PNG (image/jpeg, image/png)',
	);
	expect(sandbox.requests).toEqual([]);
});

test('Continue On Fail: an item without the file is an error item; the others are sent', async () => {
	const result = await sendMedia(
		contacts(3),
		[
			binaryOf(pdf, 'application/pdf', 'c.pdf'),
			null as never,
			binaryOf(pdf, 'application/pdf', 'c.pdf'),
		],
		{},
		true,
	);
	expect(result.items.map((i) => i.json.status)).toEqual(['accepted', 'invalid', 'accepted']);
	expect(result.items[1].json.error).toBe(
		'Item 1, Input Binary Field: the item has no binary field "data" (it has no binary data at all)',
	);
	expect(kinds()).toEqual(['mediaUpload', 'send']);
});

test('an upload Insider refuses sends nothing; under Continue On Fail its items fail, the rest go', async () => {
	sandbox.faults.add({ kind: 'server-error', count: 10 });
	const failed = await sendMedia(
		contacts(2),
		contacts(2).map(() => binaryOf(pdf, 'application/pdf')),
		{
			options: { maxRetries: 0 },
		},
	);
	expect(failed.error?.message).toBe(
		'Insider could not upload the media: it answered 500, still after 0 retries',
	);
	expect(kinds()).toEqual(['mediaUpload']);

	sandbox.reset();
	sandbox.faults.add({ kind: 'server-error', count: 1 });
	const items = contacts(3);
	const kept = await sendMedia(
		items,
		[
			binaryOf(pdf, 'application/pdf'),
			binaryOf(fileOf(5000, '%PDF'), 'application/pdf'),
			binaryOf(pdf, 'application/pdf'),
		],
		{ options: { maxRetries: 0 } },
		true,
	);
	expect(kept.items.map((i) => [i.json.phoneNumber, i.json.status])).toEqual([
		[items[0].phone, 'failed'],
		[items[1].phone, 'accepted'],
		[items[2].phone, 'failed'],
	]);
	expect(sandbox.messages.map((m) => m.phoneNumber)).toEqual([items[1].phone]);
});

test('link and ID sources are unchanged next to the binary one', async () => {
	const result = await runInsiderWhatsApp({
		parameters: {
			resource: 'message',
			operation: 'sendMedia',
			phoneNumber: '={{ $json.phone }}',
			mediaType: 'image',
			mediaSource: 'link',
			mediaLink: 'https://example.com/a.png',
			options: {},
		},
		items: contacts(1) as never,
		credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
	});
	expect(result.error).toBeUndefined();
	expect(kinds()).toEqual(['send']);
	expect(sandbox.messages[0].message).toEqual({
		type: 'image',
		image: { link: 'https://example.com/a.png' },
	});
});
