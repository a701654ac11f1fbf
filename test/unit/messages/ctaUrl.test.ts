import { buildCtaUrlMessage } from '../../../nodes/InsiderWhatsApp/helpers/messages/ctaUrl';
import type { Params } from './builderHarness';
import { describeLengthLimits, describeRequired, expectMessage, refusal } from './builderHarness';

const url = 'https://example.com/track?order=1234';
const image = 'https://example.com/parcel.png';
/** A valid link-button message without header; `override` replaces fields. */
const cta = (override: Params = {}): Params => ({
	bodyText: 'Track your parcel.',
	buttonText: 'Track parcel',
	url,
	...override,
});
const action = { name: 'cta_url', parameters: { display_text: 'Track parcel', url } };

describe('Send Link Button message', () => {
	it.each([
		[
			'without header or footer',
			cta({ headerType: 'none', footerText: ' ' }),
			undefined,
			undefined,
		],
		[
			'with a text header and footer',
			cta({ headerType: 'text', headerText: 'Shipped 🚚', footerText: 'Thank you' }),
			{ type: 'text', text: 'Shipped 🚚' },
			{ text: 'Thank you' },
		],
		[
			'with an image header by link',
			cta({ headerType: 'image', headerMediaSource: 'link', headerMediaLink: image }),
			{ type: 'image', image: { link: image } },
			undefined,
		],
		[
			'with a video header by id',
			cta({ headerType: 'video', headerMediaSource: 'id', headerMediaId: 'vid-1' }),
			{ type: 'video', video: { id: 'vid-1' } },
			undefined,
		],
		[
			'with a document header and file name',
			cta({ headerType: 'document', headerMediaLink: image, headerFilename: 'invoice.pdf' }),
			{ type: 'document', document: { link: image, filename: 'invoice.pdf' } },
			undefined,
		],
	])('builds the cta_url object %s', (_case, params, header, footer) => {
		expectMessage(buildCtaUrlMessage, params, {
			type: 'interactive',
			interactive: {
				type: 'cta_url',
				...(header ? { header } : {}),
				body: { text: 'Track your parcel.' },
				...(footer ? { footer } : {}),
				action,
			},
		});
	});

	it.each([
		[
			'an http URL',
			cta({ url: 'http://example.com' }),
			'URL: "http://example.com" is not an https URL; link buttons take https URLs only',
		],
		[
			'an http header image',
			cta({ headerType: 'image', headerMediaLink: 'http://example.com/a.png' }),
			'Header Media Link: "http://example.com/a.png" is not an https URL; WhatsApp downloads media only over https',
		],
		[
			'markdown in the header',
			cta({ headerType: 'text', headerText: '_New_ offer' }),
			'Header Text: must not contain markdown (*, _, ~ or ```)',
		],
		[
			'an unknown header type',
			cta({ headerType: 'audio' }),
			'Header Type: "audio" is not one of none, text, image, video, document',
		],
	])('refuses %s', (_case, params, message) => {
		expect(refusal(buildCtaUrlMessage, params)).toBe(message);
	});

	describeLengthLimits(buildCtaUrlMessage, [
		['Header Text', 60, (headerText) => cta({ headerType: 'text', headerText })],
		['Body Text', 1024, (bodyText) => cta({ bodyText })],
		['Footer Text', 60, (footerText) => cta({ footerText })],
		['Button Text', 20, (buttonText) => cta({ buttonText })],
	]);

	describeRequired(buildCtaUrlMessage, [
		['Header Text', (headerText) => cta({ headerType: 'text', headerText })],
		[
			'Header Media ID',
			(headerMediaId) => cta({ headerType: 'image', headerMediaSource: 'id', headerMediaId }),
		],
		['Body Text', (bodyText) => cta({ bodyText })],
		['Button Text', (buttonText) => cta({ buttonText })],
		['URL', (value) => cta({ url: value })],
	]);
});
