/**
 * Every message operation in n8n-core's engine against the sandbox: the exact request body
 * Insider receives, and each limit at its boundary (accepted by the sandbox) and one past it
 * (refused by the node before any request, naming the item and the field).
 */
import type { IDataObject } from 'n8n-workflow';

import type { InsiderSandbox } from '../../sandbox/server';
import { runInsiderWhatsApp } from '../support/engine';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';

let sandbox: InsiderSandbox;
beforeAll(async () => (sandbox = await startTestSandbox({ rateLimitPerSecond: 0 })));
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

const PHONE = '+15550001111';

async function run(operation: string, fields: IDataObject, options: IDataObject = {}) {
	return await runInsiderWhatsApp({
		parameters: { resource: 'message', operation, phoneNumber: PHONE, ...fields, options },
		items: [{}],
		credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
	});
}

const row = (title: string, id = '', description = '') => ({ id, title, description });
const listFields = (rows: IDataObject[], extra: IDataObject = {}) => ({
	headerText: 'Our stores',
	bodyText: 'Which store would you like to visit?',
	footerText: 'Open every day',
	buttonText: 'Choose a store',
	sections: { section: [{ title: 'Istanbul', rows: { row: rows } }] },
	...extra,
});
const ctaFields = (extra: IDataObject = {}) => ({
	headerType: 'text',
	headerText: 'Parcel 1234',
	bodyText: 'Track your parcel.',
	footerText: 'Thank you',
	buttonText: 'Track parcel',
	url: 'https://example.com/track?order=1234',
	...extra,
});

/** [operation, fields, the message Insider must receive, in this key order] */
const EXACT: Array<[string, IDataObject, IDataObject]> = [
	[
		'sendText',
		{ text: 'See https://example.com 🚚', previewUrl: true },
		{ type: 'text', text: { preview_url: true, body: 'See https://example.com 🚚' } },
	],
	[
		'sendMedia',
		{
			mediaType: 'document',
			mediaSource: 'link',
			mediaLink: 'https://example.com/catalogue.pdf',
			filename: 'catalogue.pdf',
			caption: 'Our spring catalogue',
		},
		{
			type: 'document',
			document: {
				link: 'https://example.com/catalogue.pdf',
				filename: 'catalogue.pdf',
				caption: 'Our spring catalogue',
			},
		},
	],
	[
		'sendMedia',
		{ mediaType: 'sticker', mediaSource: 'id', mediaId: '1234567890' },
		{ type: 'sticker', sticker: { id: '1234567890' } },
	],
	[
		'sendLocation',
		{
			latitude: 41.0082,
			longitude: 28.9784,
			locationName: 'Istanbul Store',
			address: 'Istiklal Cd. 1',
		},
		{
			type: 'location',
			location: {
				latitude: '41.0082',
				longitude: '28.9784',
				name: 'Istanbul Store',
				address: 'Istiklal Cd. 1',
			},
		},
	],
	[
		'sendList',
		listFields([row('Kadikoy', 'ist_kadikoy', 'Open 9:00 to 21:00'), row('Moda Store')]),
		{
			type: 'interactive',
			interactive: {
				type: 'list',
				header: { type: 'text', text: 'Our stores' },
				body: { text: 'Which store would you like to visit?' },
				footer: { text: 'Open every day' },
				action: {
					button: 'Choose a store',
					sections: [
						{
							title: 'Istanbul',
							rows: [
								{ id: 'ist_kadikoy', title: 'Kadikoy', description: 'Open 9:00 to 21:00' },
								{ id: 'moda_store', title: 'Moda Store' },
							],
						},
					],
				},
			},
		},
	],
	[
		'sendCtaUrl',
		ctaFields(),
		{
			type: 'interactive',
			interactive: {
				type: 'cta_url',
				header: { type: 'text', text: 'Parcel 1234' },
				body: { text: 'Track your parcel.' },
				footer: { text: 'Thank you' },
				action: {
					name: 'cta_url',
					parameters: { display_text: 'Track parcel', url: 'https://example.com/track?order=1234' },
				},
			},
		},
	],
	[
		'sendTemplate',
		{
			templateName: 'order_shipped',
			languageCode: 'en_US',
			headerParameterType: 'text',
			headerParameterText: '#1234',
			bodyParameters: { parameter: [{ text: 'Jane' }, { text: 'Friday' }] },
			buttonParameters: {
				button: [
					{ index: 0, type: 'quickReply', payload: 'reorder_1234' },
					{ index: 1, type: 'url', urlSuffix: '1234' },
				],
			},
		},
		{
			type: 'template',
			template: {
				name: 'order_shipped',
				language: { code: 'en_US', policy: 'deterministic' },
				components: [
					{ type: 'header', parameters: [{ type: 'text', text: '#1234' }] },
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Jane' },
							{ type: 'text', text: 'Friday' },
						],
					},
					{
						type: 'button',
						sub_type: 'quick_reply',
						index: '0',
						parameters: [{ type: 'payload', payload: 'reorder_1234' }],
					},
					{
						type: 'button',
						sub_type: 'url',
						index: '1',
						parameters: [{ type: 'text', text: '1234' }],
					},
				],
			},
		},
	],
];

describe.each(EXACT)('%s sends exactly the documented message', (operation, fields, expected) => {
	test(`${JSON.stringify(fields).slice(0, 60)}…`, async () => {
		const result = await run(operation, fields);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['accepted']);
		expect(sandbox.requests).toHaveLength(1);
		const body = JSON.parse(sandbox.requests[0].body) as { messages: IDataObject[] };
		expect(JSON.stringify(body.messages)).toBe(
			JSON.stringify([{ phoneNumber: PHONE, message: expected }]),
		);
	});
});

test('Reply To quotes the contact message and the Transactional API posts to /v1/send', async () => {
	const result = await run(
		'sendText',
		{ text: 'Thanks!' },
		{ replyTo: 'wamid.ABC123', api: 'transactional' },
	);
	expect(result.error).toBeUndefined();
	expect(sandbox.requests.map((request) => request.endpoint)).toEqual(['/v1/send']);
	expect(JSON.parse(sandbox.requests[0].body).messages[0].message).toEqual({
		context: { message_id: 'wamid.ABC123' },
		type: 'text',
		text: { body: 'Thanks!' },
	});
});

const chars = (count: number) => 'x'.repeat(count - 1) + '🚚';
const rows = (count: number) => Array.from({ length: count }, (_, i) => row(`Row ${i + 1}`));

/** [operation, fields at the limit, fields one past it, the field the error names, limit text] */
const LIMITS: Array<[string, IDataObject, IDataObject, string, string]> = [
	['sendText', { text: chars(4096) }, { text: chars(4097) }, 'Text', 'the limit is 4096'],
	...(['image', 'video', 'document'] as const).map(
		(mediaType): [string, IDataObject, IDataObject, string, string] => [
			'sendMedia',
			{ mediaType, mediaLink: 'https://example.com/file', caption: chars(1024) },
			{ mediaType, mediaLink: 'https://example.com/file', caption: chars(1025) },
			'Caption',
			'the limit is 1024',
		],
	),
	[
		'sendLocation',
		{ latitude: -90, longitude: 180 },
		{ latitude: -90.0001, longitude: 180 },
		'Latitude',
		'-90 to 90',
	],
	[
		'sendLocation',
		{ latitude: 90, longitude: -180 },
		{ latitude: 90, longitude: 180.5 },
		'Longitude',
		'-180 to 180',
	],
	['sendList', listFields(rows(10)), listFields(rows(11)), 'Sections', '1 to 10'],
	[
		'sendList',
		listFields([row(chars(24), '', chars(72))]),
		listFields([row(chars(25))]),
		'Section 1 Row 1 Title',
		'the limit is 24',
	],
	[
		'sendList',
		listFields([row('A', '', chars(72))]),
		listFields([row('A', '', chars(73))]),
		'Section 1 Row 1 Description',
		'the limit is 72',
	],
	[
		'sendList',
		listFields(rows(1), { buttonText: chars(20) }),
		listFields(rows(1), { buttonText: chars(21) }),
		'Button Text',
		'the limit is 20',
	],
	[
		'sendList',
		listFields(rows(1), { headerText: chars(60), footerText: chars(60) }),
		listFields(rows(1), { headerText: chars(61) }),
		'Header Text',
		'the limit is 60',
	],
	[
		'sendList',
		listFields(rows(1), { bodyText: chars(1024) }),
		listFields(rows(1), { bodyText: chars(1025) }),
		'Body Text',
		'the limit is 1024',
	],
	[
		'sendCtaUrl',
		ctaFields({ buttonText: chars(20) }),
		ctaFields({ buttonText: chars(21) }),
		'Button Text',
		'the limit is 20',
	],
	[
		'sendCtaUrl',
		ctaFields({ bodyText: chars(1024), footerText: chars(60), headerText: chars(60) }),
		ctaFields({ footerText: chars(61) }),
		'Footer Text',
		'the limit is 60',
	],
	['sendCtaUrl', ctaFields(), ctaFields({ url: 'http://example.com/track' }), 'URL', 'https'],
];

describe.each(LIMITS)('%s limits', (operation, atLimit, pastLimit, field, limitText) => {
	test(`${field}: at the limit the sandbox accepts it; one past, nothing is sent`, async () => {
		const accepted = await run(operation, atLimit);
		expect(accepted.error).toBeUndefined();
		expect(sandbox.requests.map((request) => request.statusCode)).toEqual([200]);

		sandbox.reset();
		const refused = await run(operation, pastLimit);
		expect(refused.error?.message).toMatch(new RegExp(`^Item 0, ${field}: `));
		expect(refused.error?.message).toContain(limitText);
		expect(sandbox.requests).toHaveLength(0);
	});
});
