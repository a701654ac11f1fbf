/* Interactive CTA URL messages. */
import { ctaUrl, x } from '../messageBuilders';
import { checkMessageType } from './harness';

checkMessageType({
	accepted: [
		['CTA URL with an image header', ctaUrl()],
		[
			'CTA URL at its limits: text header 60, body 1024, footer 60, display text 20',
			ctaUrl(
				{ header: { type: 'text', text: x(60) }, body: { text: x(1024) }, footer: { text: x(60) } },
				{ display_text: x(20) },
			),
		],
	],
	refused: [
		[
			'CTA display text of 21',
			ctaUrl({}, { display_text: x(21) }),
			'interactive.action.parameters.display_text',
			'length 21 exceeds max 20',
		],
		[
			'CTA without display text',
			ctaUrl({}, { display_text: undefined }),
			'interactive.action.parameters.display_text',
			'required',
		],
		[
			'CTA URL over http',
			ctaUrl({}, { url: 'http://example.com' }),
			'interactive.action.parameters.url',
			'must be an https URL',
		],
		[
			'CTA without URL',
			ctaUrl({}, { url: undefined }),
			'interactive.action.parameters.url',
			'required',
		],
		[
			'CTA action named otherwise',
			ctaUrl({
				action: { name: 'open', parameters: { display_text: 'Go', url: 'https://example.com' } },
			}),
			'interactive.action.name',
			'must be "cta_url"',
		],
		[
			'CTA body of 1025',
			ctaUrl({ body: { text: x(1025) } }),
			'interactive.body.text',
			'length 1025 exceeds max 1024',
		],
		[
			'CTA header text of 61',
			ctaUrl({ header: { type: 'text', text: x(61) } }),
			'interactive.header.text',
			'length 61 exceeds max 60',
		],
		[
			'CTA footer of 61',
			ctaUrl({ footer: { text: x(61) } }),
			'interactive.footer.text',
			'length 61 exceeds max 60',
		],
	],
});
