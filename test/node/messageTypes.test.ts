/**
 * Every message operation in n8n-core's engine against the sandbox: the exact request body
 * Insider receives, and each limit at its boundary (accepted by the sandbox) and one past it
 * (refused by the node before any request, naming the item and the field).
 */
import type { IDataObject } from 'n8n-workflow';

import type { InsiderSandbox } from '../../sandbox/server';
import { runInsiderWhatsApp } from '../support/engine';
import { ctaFields, EXACT_MESSAGES as EXACT, listFields, row } from '../support/messageExamples';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';

let sandbox: InsiderSandbox;
beforeAll(async () => (sandbox = await startTestSandbox({ rateLimitPerSecond: 0 })));
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

const PHONE = '+15550001111';

async function run(operation: string, fields: IDataObject, options: IDataObject = {}) {
	return await runInsiderWhatsApp({
		parameters: { resource: 'message', operation, phoneNumber: PHONE, ...fields, options } as never,
		items: [{}],
		credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
	});
}

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
