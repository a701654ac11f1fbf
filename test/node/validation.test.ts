/** Bad input is refused before anything is sent, naming the item, the field and the limit. */
import type { InsiderSandbox } from '../../sandbox/server';
import { runInsiderWhatsApp } from '../support/engine';
import { quickReplyParameters, startTestSandbox, TEST_KEY } from '../support/sandbox';

let sandbox: InsiderSandbox;
beforeAll(async () => (sandbox = await startTestSandbox({ rateLimitPerSecond: 0 })));
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

const x = (n: number) => 'x'.repeat(n);

/**
 * [case, parameter overrides, value of $json.v for the good item 0 and the bad item 1, expected message].
 * Overrides read the bad value from `$json.v`, so the error must name item 1.
 */
const v = '={{ $json.v }}';
const oneButton = (id: string, title: string) => ({ button: [{ id, title }] });
const cases: Array<[string, Record<string, unknown>, [string, string], RegExp]> = [
	['empty phone', { phoneNumber: v }, ['+15550001111', ''], /Phone Number: is required/],
	[
		'phone without country code',
		{ phoneNumber: v },
		['+15550001111', '5321234567'],
		/Phone Number: "5321234567" is not a valid international number/,
	],
	[
		'phone too short',
		{ phoneNumber: v },
		['+15550001111', '+1234567'],
		/Phone Number: .*8 to 15 digits/,
	],
	[
		'phone too long',
		{ phoneNumber: v },
		['+15550001111', '+1234567890123456'],
		/Phone Number: .*8 to 15 digits/,
	],
	[
		'phone with letters',
		{ phoneNumber: v },
		['+15550001111', '+1555CALLNOW'],
		/Phone Number: "\+1555CALLNOW"/,
	],
	[
		'phone starting +0',
		{ phoneNumber: v },
		['+15550001111', '+0555000111'],
		/Phone Number: "\+0555000111"/,
	],
	[
		'header text empty',
		{ headerType: 'text', headerText: v },
		['Hi', ''],
		/Header Text: is required/,
	],
	[
		'header text 61',
		{ headerType: 'text', headerText: v },
		['Hi', x(61)],
		/Header Text: 61 characters long; the limit is 60 characters/,
	],
	[
		'header text of 61 emoji',
		{ headerType: 'text', headerText: v },
		['Hi', '🚚'.repeat(61)],
		/Header Text: 61 characters long; the limit is 60/,
	],
	[
		'header text markdown',
		{ headerType: 'text', headerText: v },
		['Hi', '*Sale* today'],
		/Header Text: must not contain markdown/,
	],
	[
		'image without link',
		{ headerType: 'image', headerMediaLink: v },
		['https://e.com/a.png', ''],
		/Header Media Link: is required/,
	],
	[
		'image over http',
		{ headerType: 'image', headerMediaLink: v },
		['https://e.com/a.png', 'http://e.com/a.png'],
		/Header Media Link: "http:\/\/e.com\/a.png" is not an https URL/,
	],
	[
		'image link not a URL',
		{ headerType: 'image', headerMediaLink: v },
		['https://e.com/a.png', 'box.png'],
		/Header Media Link: "box.png" is not an https URL/,
	],
	[
		'video without id',
		{ headerType: 'video', headerMediaSource: 'id', headerMediaId: v },
		['123', '  '],
		/Header Media ID: is required/,
	],
	[
		'document without link',
		{ headerType: 'document', headerMediaLink: v },
		['https://e.com/a.pdf', ''],
		/Header Media Link: is required/,
	],
	['body empty', { bodyText: v }, ['Hello', ''], /Body Text: is required/],
	['body only spaces', { bodyText: v }, ['Hello', '   '], /Body Text: is required/],
	[
		'body 1025',
		{ bodyText: v },
		['Hello', x(1025)],
		/Body Text: 1025 characters long; the limit is 1024 characters/,
	],
	[
		'body of 1025 emoji',
		{ bodyText: v },
		['Hello', '🙂'.repeat(1025)],
		/Body Text: 1025 characters long; the limit is 1024/,
	],
	[
		'footer 61',
		{ footerText: v },
		['Bye', x(61)],
		/Footer Text: 61 characters long; the limit is 60 characters/,
	],
	[
		'button title empty',
		{ buttons: oneButton('a', v) },
		['Yes', ''],
		/Button 1 Title: is required/,
	],
	[
		'button title 21',
		{
			buttons: {
				button: [
					{ id: 'a', title: 'A' },
					{ id: 'b', title: v },
				],
			},
		},
		['B', x(21)],
		/Button 2 Title: 21 characters long; the limit is 20 characters/,
	],
	[
		'button title markdown',
		{ buttons: oneButton('a', v) },
		['Yes', '_Yes_'],
		/Button 1 Title: must not contain markdown/,
	],
	[
		'duplicate titles',
		{
			buttons: {
				button: [
					{ id: 'a', title: 'Yes' },
					{ id: 'b', title: v },
				],
			},
		},
		['No', 'yes'],
		/Button 2 Title: "yes" is already the title of button 1/,
	],
	[
		'duplicate ids',
		{
			buttons: {
				button: [
					{ id: 'same', title: 'Yes' },
					{ id: v, title: 'No' },
				],
			},
		},
		['other', 'same'],
		/Button 2 ID: "same" is already the ID of button 1/,
	],
	[
		'duplicate derived ids',
		{
			buttons: {
				button: [
					{ id: '', title: 'Yes!' },
					{ id: '', title: v },
				],
			},
		},
		['No', 'Yes?'],
		/Button 2 ID: "yes" is already the ID of button 1/,
	],
	[
		'id 257',
		{ buttons: oneButton(v, 'Yes') },
		['yes', x(257)],
		/Button 1 ID: 257 characters long; the limit is 256 characters/,
	],
	[
		'id with emoji',
		{ buttons: oneButton(v, 'Yes') },
		['yes', 'yes_👍'],
		/Button 1 ID: "yes_👍" must not contain emoji/,
	],
	[
		'id with leading space',
		{ buttons: oneButton(v, 'Yes') },
		['yes', ' yes'],
		/Button 1 ID: " yes" must not start or end with a space/,
	],
	[
		'sender number invalid',
		{ options: { from: v } },
		['+15550783881', '12345'],
		/Sender Number: "12345" is not an E.164 number/,
	],
	[
		'callback URL invalid',
		{ options: { callbackUrl: v } },
		['https://n8n.example.com/webhook', 'n8n.example.com/webhook'],
		/Status Callback URL: "n8n.example.com\/webhook" is not an http or https URL/,
	],
];

test('there are at least 30 bad-input cases', () =>
	expect(cases.length).toBeGreaterThanOrEqual(30));

describe.each(cases)('%s', (_name, overrides, [good, bad], pattern) => {
	test('is refused naming item 1 and the field, and nothing reaches Insider', async () => {
		const phoneNumber = 'phoneNumber' in overrides ? {} : { phoneNumber: '+15550001111' };
		const result = await runInsiderWhatsApp({
			parameters: quickReplyParameters({ ...phoneNumber, ...overrides }),
			items: [{ v: good }, { v: bad }],
			credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
		});
		expect(result.error?.message).toMatch(/^Item 1, /);
		expect(result.error?.message).toMatch(pattern);
		expect(result.items).toEqual([]);
		expect(sandbox.requests).toHaveLength(0);
	});
});

test.each([
	['no buttons', {}, /^Item 0, Buttons: 0 buttons given; a quick reply needs 1 to 3/],
	[
		'four buttons',
		{ button: ['A', 'B', 'C', 'D'].map((t) => ({ id: t, title: t })) },
		/^Item 0, Buttons: 4 buttons given; a quick reply needs 1 to 3/,
	],
])('%s is refused before anything is sent', async (_name, buttons, pattern) => {
	const result = await runInsiderWhatsApp({
		parameters: quickReplyParameters({ phoneNumber: '+15550001111', buttons }),
		items: [{}],
		credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
	});
	expect(result.error?.message).toMatch(pattern);
	expect(sandbox.requests).toHaveLength(0);
});

test('under Continue On Fail, the invalid item becomes an error item and the others are sent', async () => {
	const result = await runInsiderWhatsApp({
		parameters: quickReplyParameters({
			buttons: { button: [{ id: 'a', title: '={{ $json.title }}' }] },
		}),
		items: [
			{ phone: '+15550001111', title: 'Yes' },
			{ phone: '+15550002222', title: 'This title is far too long' },
			{ phone: '+15550003333', title: 'No' },
		],
		credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
		continueOnFail: true,
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(3);
	expect(result.items[1]).toEqual({
		json: {
			error: 'Item 1, Button 1 Title: 26 characters long; the limit is 20 characters',
			status: 'invalid',
		},
		pairedItem: { item: 1 },
	});
	expect(result.items[0].json).toMatchObject({ status: 'accepted', phoneNumber: '+15550001111' });
	expect(result.items[2].json).toMatchObject({ status: 'accepted', phoneNumber: '+15550003333' });
	expect(sandbox.messages.map((m) => m.phoneNumber)).toEqual(['+15550001111', '+15550003333']);
});
