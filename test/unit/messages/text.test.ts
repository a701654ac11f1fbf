import { buildTextMessage } from '../../../nodes/InsiderWhatsApp/helpers/messages/text';
import { describeLengthLimits, describeRequired, expectMessage } from './builderHarness';

describe('Send Text message', () => {
	it.each([
		['without preview', { text: 'Hi *Jane* 👋' }, { body: 'Hi *Jane* 👋' }],
		[
			'with preview',
			{ text: 'See https://example.com', previewUrl: true },
			{ preview_url: true, body: 'See https://example.com' },
		],
		[
			'preview "true" from an expression',
			{ text: 'a', previewUrl: 'true' },
			{ preview_url: true, body: 'a' },
		],
		['preview off', { text: 'a', previewUrl: false }, { body: 'a' }],
	])('builds the text object %s', (_case, params, text) => {
		expectMessage(buildTextMessage, params, { type: 'text', text });
	});

	describeLengthLimits(buildTextMessage, [['Text', 4096, (text) => ({ text })]]);
	describeRequired(buildTextMessage, [['Text', (text) => ({ text })]]);
});
