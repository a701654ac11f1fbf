import { buildMediaMessage } from '../../../nodes/InsiderWhatsApp/helpers/messages/media';
import { describeLengthLimits, describeRequired, expectMessage, refusal } from './builderHarness';

const link = 'https://example.com/files/catalogue.pdf';

describe('Send Media message', () => {
	it.each([
		[
			'an image by link with a caption',
			{ mediaType: 'image', mediaSource: 'link', mediaLink: link, caption: 'New *spring* line 🌸' },
			{ type: 'image', image: { link, caption: 'New *spring* line 🌸' } },
		],
		[
			'a document by id with file name and caption',
			{
				mediaType: 'document',
				mediaSource: 'id',
				mediaId: ' 1234567890 ',
				filename: ' catalogue.pdf ',
				caption: 'Catalogue',
			},
			{
				type: 'document',
				document: { id: '1234567890', filename: 'catalogue.pdf', caption: 'Catalogue' },
			},
		],
		[
			'a video without caption',
			{ mediaType: 'video', mediaLink: link, caption: '' },
			{ type: 'video', video: { link } },
		],
		[
			'audio, leaving out a caption and file name it cannot carry',
			{ mediaType: 'audio', mediaLink: link, caption: 'ignored', filename: 'ignored.mp3' },
			{ type: 'audio', audio: { link } },
		],
		[
			'a sticker by id, leaving out a caption',
			{ mediaType: 'sticker', mediaSource: 'id', mediaId: 'sticker-1', caption: 'ignored' },
			{ type: 'sticker', sticker: { id: 'sticker-1' } },
		],
		[
			'an image when no type or source is given (the defaults)',
			{ mediaLink: link },
			{ type: 'image', image: { link } },
		],
	])('builds %s', (_case, params, expected) => {
		expectMessage(buildMediaMessage, params, expected);
	});

	it.each([
		[
			'http link',
			{ mediaLink: 'http://example.com/a.png' },
			'Media Link: "http://example.com/a.png" is not an https URL; WhatsApp downloads media only over https',
		],
		[
			'unknown media type',
			{ mediaType: 'gif', mediaLink: link },
			'Media Type: "gif" is not one of image, video, audio, document, sticker',
		],
		[
			'unknown media source',
			{ mediaSource: 'upload' },
			'Media Source: "upload" is not one of link, id',
		],
	])('refuses %s', (_case, params, message) => {
		expect(refusal(buildMediaMessage, params)).toBe(message);
	});

	describeLengthLimits(
		buildMediaMessage,
		(['image', 'video', 'document'] as const).map((mediaType) => [
			'Caption',
			1024,
			(caption: string) => ({ mediaType, mediaLink: link, caption }),
		]),
	);

	describeRequired(buildMediaMessage, [
		['Media Link', (mediaLink) => ({ mediaSource: 'link', mediaLink })],
		['Media ID', (mediaId) => ({ mediaSource: 'id', mediaId })],
	]);
});
