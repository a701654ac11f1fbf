/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/** The exact JSON Insider receives for every shape of quick reply the node can build. */
import fs from 'fs';
import type { IDataObject } from 'n8n-workflow';
import path from 'path';

import { SAMPLE_PHOTO_ID, SAMPLE_VOICE_NOTE_ID } from '../../sandbox/media/store';
import type { InsiderSandbox } from '../../sandbox/server';
import { runInsiderWhatsApp } from '../support/engine';
import { quickReplyParameters, startTestSandbox, TEST_KEY } from '../support/sandbox';

let sandbox: InsiderSandbox;
let lastBodies: unknown[] = [];
beforeAll(async () => (sandbox = await startTestSandbox({ rateLimitPerSecond: 0 })));
afterAll(async () => await sandbox.stop());
beforeEach(() => {
	sandbox.reset();
	lastBodies = [];
});

/** Runs the node for one contact and returns the request body the sandbox recorded. */
async function sentBody(
	overrides: Record<string, unknown>,
	items: IDataObject[] = [{ phone: '+15550001111' }],
) {
	const result = await runInsiderWhatsApp({
		parameters: quickReplyParameters(overrides),
		items,
		credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
	});
	expect(result.error).toBeUndefined();
	lastBodies = sandbox.messages.map((m) => m.message);
	const first = sandbox.messages[0];
	return {
		...(first.from ? { from: first.from } : {}),
		...(first.callback ? { callback: first.callback } : {}),
		messages: sandbox.messages.map((m) => ({ phoneNumber: m.phoneNumber, message: m.message })),
	};
}

const button = (id: string, title: string) => ({ type: 'reply', reply: { id, title } });

test("matches Insider's documented sample request exactly", async () => {
	const sample = JSON.parse(
		fs.readFileSync(
			path.resolve(__dirname, '../fixtures/insider-samples/send-quick-reply.request.json'),
			'utf8',
		),
	);
	const body = await sentBody({
		headerType: 'text',
		headerText: 'Your order has shipped',
		footerText: 'Reply STOP to opt out',
	});
	expect(body).toEqual(sample);
	expect(JSON.stringify(body)).toBe(JSON.stringify(sample));
});

describe.each([
	['none', {}, undefined],
	[
		'text',
		{ headerText: 'Your order has shipped' },
		{ type: 'text', text: 'Your order has shipped' },
	],
	[
		'image (link)',
		{ headerMediaSource: 'link', headerMediaLink: 'https://example.com/box.png' },
		{ type: 'image', image: { link: 'https://example.com/box.png' } },
	],
	[
		'video (id)',
		{ headerMediaSource: 'id', headerMediaId: SAMPLE_PHOTO_ID },
		{ type: 'video', video: { id: SAMPLE_PHOTO_ID } },
	],
	[
		'document (link, filename)',
		{
			headerMediaSource: 'link',
			headerMediaLink: 'https://example.com/i.pdf',
			headerFilename: 'invoice.pdf',
		},
		{ type: 'document', document: { link: 'https://example.com/i.pdf', filename: 'invoice.pdf' } },
	],
	[
		'document (id, no filename)',
		{ headerMediaSource: 'id', headerMediaId: SAMPLE_VOICE_NOTE_ID },
		{ type: 'document', document: { id: SAMPLE_VOICE_NOTE_ID } },
	],
])('header %s', (label, headerParameters, expectedHeader) => {
	const headerType = label.split(' ')[0];
	test.each([
		[1, [['a', 'Yes']]],
		[
			2,
			[
				['a', 'Yes'],
				['b', 'No'],
			],
		],
		[
			3,
			[
				['a', 'Yes'],
				['b', 'No'],
				['c', 'Later'],
			],
		],
	])('with %i button(s), with and without footer', async (_count, pairs) => {
		for (const footerText of ['', 'Reply STOP to opt out']) {
			sandbox.reset();
			const body = await sentBody({
				headerType,
				...headerParameters,
				footerText,
				buttons: { button: (pairs as string[][]).map(([id, title]) => ({ id, title })) },
			});
			expect(body).toEqual({
				messages: [
					{
						phoneNumber: '+15550001111',
						message: {
							type: 'interactive',
							interactive: {
								type: 'button',
								...(expectedHeader ? { header: expectedHeader } : {}),
								body: { text: 'Would you like delivery updates on WhatsApp?' },
								...(footerText ? { footer: { text: footerText } } : {}),
								action: { buttons: (pairs as string[][]).map(([id, title]) => button(id, title)) },
							},
						},
					},
				],
			});
		}
	});
});

test('an empty button id becomes a slug of its title', async () => {
	await sentBody({
		buttons: {
			button: [{ id: '', title: 'Yes, please!' }, { title: 'Çok iyi' }, { id: '', title: '👍' }],
		},
	});
	expect(lastBodies[0]).toMatchObject({
		interactive: {
			action: {
				buttons: [
					button('yes_please', 'Yes, please!'),
					button('cok_iyi', 'Çok iyi'),
					button('button_3', '👍'),
				],
			},
		},
	});
});

test('phone numbers are normalised to E.164', async () => {
	await sentBody({}, [{ phone: '+1 (555) 000-1111' }, { phone: '0090 532.123.45.67' }]);
	expect(sandbox.messages.map((m) => m.phoneNumber)).toEqual(['+15550001111', '+905321234567']);
});

test('expressions are evaluated per item', async () => {
	await sentBody(
		{ bodyText: '=Hello {{ $json.name }}, your order {{ $json.order }} has shipped.' },
		[
			{ phone: '+15550001111', name: 'Ada', order: 'A-1' },
			{ phone: '+15550002222', name: 'Linus', order: 'B-2' },
		],
	);
	expect(
		lastBodies.map((m) => (m as { interactive: { body: { text: string } } }).interactive.body.text),
	).toEqual(['Hello Ada, your order A-1 has shipped.', 'Hello Linus, your order B-2 has shipped.']);
});

test('numbers, missing fields and code in expressions render as n8n renders them', async () => {
	await sentBody(
		{
			bodyText: '=Hello {{ $json.name }}, order {{ $json.order }}.',
			footerText: '={{ $json.name.toUpperCase() }}',
		},
		[
			{ phone: '+15550001111', name: 'Ada', order: 4711 },
			{ phone: '+15550002222', name: 'Linus' },
		],
	);
	const texts = lastBodies.map(
		(m) => (m as { interactive: { body: { text: string }; footer: { text: string } } }).interactive,
	);
	expect(texts.map((t) => t.body.text)).toEqual(['Hello Ada, order 4711.', 'Hello Linus, order .']);
	expect(texts.map((t) => t.footer.text)).toEqual(['ADA', 'LINUS']);
});

test('the sender number and callback URL travel beside the messages', async () => {
	const body = await sentBody({
		options: {
			from: '+1 555 078 3881',
			callbackUrl: 'https://n8n.example.com/webhook/abc/webhook',
		},
	});
	expect(body.from).toBe('+15550783881');
	expect(body.callback).toBe('https://n8n.example.com/webhook/abc/webhook');
	expect(sandbox.requests[0].userAgent).toBe('n8n-nodes-insider-whatsapp/0.1.0');
});
