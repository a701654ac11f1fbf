/**
 * One example of every message operation: the node's fields and the exact message Insider must
 * receive. The engine tests and the end-to-end tests in real n8n share it.
 */
import type { IDataObject } from 'n8n-workflow';

// The sandbox refuses media ids it never issued; its samples' ids are always known.
import { SAMPLE_PHOTO_ID } from '../../sandbox/media/store';

export const row = (title: string, id = '', description = '') => ({ id, title, description });
export const listFields = (rows: IDataObject[], extra: IDataObject = {}) => ({
	headerText: 'Our stores',
	bodyText: 'Which store would you like to visit?',
	footerText: 'Open every day',
	buttonText: 'Choose a store',
	sections: { section: [{ title: 'Istanbul', rows: { row: rows } }] },
	...extra,
});
export const ctaFields = (extra: IDataObject = {}) => ({
	headerType: 'text',
	headerText: 'Parcel 1234',
	bodyText: 'Track your parcel.',
	footerText: 'Thank you',
	buttonText: 'Track parcel',
	url: 'https://example.com/track?order=1234',
	...extra,
});

/** [operation, fields, the message Insider must receive, in this key order] */
export const EXACT_MESSAGES: Array<[string, IDataObject, IDataObject]> = [
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
		{ mediaType: 'sticker', mediaSource: 'id', mediaId: SAMPLE_PHOTO_ID },
		{ type: 'sticker', sticker: { id: SAMPLE_PHOTO_ID } },
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
