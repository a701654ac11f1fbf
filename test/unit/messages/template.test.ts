import { buildTemplateMessage } from '../../../nodes/InsiderWhatsApp/helpers/messages/template';
import type { Params } from './builderHarness';
import { describeRequired, expectMessage, refusal } from './builderHarness';

const image = 'https://example.com/banner.png';
const template = (override: Params = {}): Params => ({
	templateName: 'order_shipped',
	languageCode: 'en_US',
	...override,
});
const language = { code: 'en_US', policy: 'deterministic' };
const expected = (components?: unknown[]) => ({
	type: 'template',
	template: { name: 'order_shipped', language, ...(components ? { components } : {}) },
});
const buttons = (...button: Params[]) => template({ buttonParameters: { button } });

describe('Send Template message', () => {
	it('builds a template without variables (no components)', () => {
		expectMessage(
			buildTemplateMessage,
			template({
				templateName: ' order_shipped ',
				headerParameterType: 'none',
				bodyParameters: {},
			}),
			expected(),
		);
	});

	it('builds header, body and button components in Meta key order', () => {
		const params = template({
			headerParameterType: 'text',
			headerParameterText: '#1234',
			bodyParameters: { parameter: [{ text: 'Jane' }, { text: 'Friday 🚚' }] },
			buttonParameters: {
				button: [
					{ index: 0, type: 'quickReply', payload: 'reorder_1234' },
					{ index: '1', type: 'url', urlSuffix: '1234' },
				],
			},
		});
		expectMessage(
			buildTemplateMessage,
			params,
			expected([
				{ type: 'header', parameters: [{ type: 'text', text: '#1234' }] },
				{
					type: 'body',
					parameters: [
						{ type: 'text', text: 'Jane' },
						{ type: 'text', text: 'Friday 🚚' },
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
			]),
		);
	});

	it.each([
		[
			'an image by link',
			{ headerParameterType: 'image', headerMediaLink: image },
			{ type: 'image', image: { link: image } },
		],
		[
			'a video by id',
			{ headerParameterType: 'video', headerMediaSource: 'id', headerMediaId: 'v1' },
			{ type: 'video', video: { id: 'v1' } },
		],
		[
			'a document with file name',
			{
				headerParameterType: 'document',
				headerMediaSource: 'id',
				headerMediaId: 'd1',
				headerFilename: 'invoice.pdf',
			},
			{ type: 'document', document: { id: 'd1', filename: 'invoice.pdf' } },
		],
	])('builds a media header parameter: %s', (_case, params, parameter) => {
		expectMessage(
			buildTemplateMessage,
			template(params),
			expected([{ type: 'header', parameters: [parameter] }]),
		);
	});

	it.each([
		[
			'a negative index',
			buttons({ index: -1, payload: 'p' }),
			'Button Parameter 1 Index: "-1" is not a button index (0 for the template\'s first button)',
		],
		[
			'a fractional index',
			buttons({ index: 1.5, payload: 'p' }),
			'Button Parameter 1 Index: "1.5" is not a button index (0 for the template\'s first button)',
		],
		[
			'an index that is not a number',
			buttons({ index: 'first', payload: 'p' }),
			'Button Parameter 1 Index: "first" is not a button index (0 for the template\'s first button)',
		],
		[
			'two parameters for one button',
			buttons({ index: 0, payload: 'a' }, { index: '0', type: 'url', urlSuffix: 'b' }),
			'Button Parameter 2 Index: 0 is already the index of button parameter 1; each template button takes one parameter',
		],
		[
			'an unknown button type',
			buttons({ index: 0, type: 'phone', payload: 'p' }),
			'Button Parameter 1 Type: "phone" is not one of quickReply, url',
		],
		[
			'an http header image',
			template({ headerParameterType: 'image', headerMediaLink: 'http://example.com/a.png' }),
			'Header Media Link: "http://example.com/a.png" is not an https URL; WhatsApp downloads media only over https',
		],
		[
			'an unknown header parameter',
			template({ headerParameterType: 'location' }),
			'Header Parameter: "location" is not one of none, text, image, video, document',
		],
	])('refuses %s', (_case, params, message) => {
		expect(refusal(buildTemplateMessage, params)).toBe(message);
	});

	describeRequired(buildTemplateMessage, [
		['Template Name', (templateName) => template({ templateName })],
		['Language Code', (languageCode) => template({ languageCode })],
		[
			'Header Parameter Text',
			(text) => template({ headerParameterType: 'text', headerParameterText: text }),
		],
		[
			'Header Media Link',
			(headerMediaLink) => template({ headerParameterType: 'video', headerMediaLink }),
		],
		[
			'Body Parameter 2 Text',
			(text) => template({ bodyParameters: { parameter: [{ text: 'a' }, { text }] } }),
		],
		['Button Parameter 1 Payload', (payload) => buttons({ index: 0, type: 'quickReply', payload })],
		['Button Parameter 1 URL Suffix', (urlSuffix) => buttons({ index: 0, type: 'url', urlSuffix })],
		['Button Parameter 1 Index', (index) => buttons({ index, payload: 'p' })],
	]);
});
