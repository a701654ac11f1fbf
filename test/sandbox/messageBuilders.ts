/** Valid Insider message objects of every conversational type, with parts overridden by tests. */
type Json = Record<string, unknown>;

export const x = (n: number) => 'x'.repeat(n);

export const text = (overrides: Json = {}) => ({
	type: 'text',
	text: {
		body: 'Your order shipped: https://example.com/track/42',
		preview_url: true,
		...overrides,
	},
});

export const media = (type: string, overrides: Json = {}) => ({
	type,
	[type]: { link: `https://example.com/files/${type}`, ...overrides },
});

/** Insider's sample sends coordinates as strings. */
export const location = (overrides: Json = {}) => ({
	type: 'location',
	location: {
		latitude: '41.0082',
		longitude: '28.9784',
		name: 'Depot',
		address: 'Main street 1',
		...overrides,
	},
});

export const row = (id: string, title = `Row ${id}`, description?: string) => ({
	id,
	title,
	...(description === undefined ? {} : { description }),
});

export const section = (title: string | undefined, ...rows: Json[]) => ({
	...(title === undefined ? {} : { title }),
	rows,
});

export const list = (overrides: Json = {}, action: Json = {}) => ({
	type: 'interactive',
	interactive: {
		type: 'list',
		header: { type: 'text', text: 'Delivery slots' },
		body: { text: 'Pick a slot for your delivery' },
		footer: { text: 'Free of charge' },
		action: {
			button: 'Choose a slot',
			sections: [
				section('Morning', row('slot_8', '8:00 to 10:00', 'Earliest'), row('slot_10')),
				section('Evening', row('slot_18', '18:00 to 20:00')),
			],
			...action,
		},
		...overrides,
	},
});

export const ctaUrl = (overrides: Json = {}, parameters: Json = {}) => ({
	type: 'interactive',
	interactive: {
		type: 'cta_url',
		header: { type: 'image', image: { link: 'https://example.com/banner.png' } },
		body: { text: 'Follow your parcel' },
		footer: { text: 'Updated hourly' },
		action: {
			name: 'cta_url',
			parameters: { display_text: 'Track parcel', url: 'https://example.com/t/42', ...parameters },
		},
		...overrides,
	},
});

export const quickReplyButton = (index: number | string, payload: string) => ({
	type: 'button',
	sub_type: 'quick_reply',
	index,
	parameters: [{ type: 'payload', payload }],
});

/** Insider's documented template sample, with a media header and a URL button added. */
export const template = (overrides: Json = {}, components?: unknown[]) => ({
	type: 'template',
	template: {
		name: 'order_update',
		language: { code: 'en', policy: 'deterministic' },
		components: components ?? [
			{
				type: 'header',
				parameters: [{ type: 'image', image: { link: 'https://example.com/h.png' } }],
			},
			{
				type: 'body',
				parameters: [
					{ type: 'text', text: 'Alice' },
					{ type: 'text', text: '#42' },
				],
			},
			quickReplyButton('0', 'KEEP_ME_POSTED'),
			{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: '42' }] },
			quickReplyButton('2', 'STOP'),
		],
		...overrides,
	},
});
