/* Image, video, audio, document and sticker messages. */
import { media, x } from '../messageBuilders';
import { checkMessageType } from './harness';

checkMessageType({
	accepted: [
		['image by link with a 1024-character caption', media('image', { caption: x(1024) })],
		[
			'video by id with a caption',
			{ type: 'video', video: { id: '1234567890', caption: 'Unboxing' } },
		],
		['audio by link', media('audio')],
		[
			'document with filename and 1024-character caption',
			media('document', { filename: 'invoice.pdf', caption: x(1024) }),
		],
		['sticker by id', { type: 'sticker', sticker: { id: '987' } }],
		[
			'a document filename of 504 characters (Insider gives no limit)',
			{
				type: 'document',
				document: { id: '1', filename: `${x(500)}.pdf` },
			},
		],
	],
	refused: [
		[
			'image caption of 1025',
			media('image', { caption: x(1025) }),
			'image.caption',
			'length 1025 exceeds max 1024',
		],
		[
			'video caption of 1025',
			{ type: 'video', video: { id: '1', caption: x(1025) } },
			'video.caption',
			'length 1025 exceeds max 1024',
		],
		[
			'document caption of 1025',
			media('document', { caption: x(1025) }),
			'document.caption',
			'length 1025 exceeds max 1024',
		],
		['image with link and id', media('image', { id: '1' }), 'image', 'exactly one of link or id'],
		[
			'video with neither link nor id',
			{ type: 'video', video: {} },
			'video',
			'exactly one of link or id',
		],
		[
			'audio over http',
			media('audio', { link: 'http://example.com/a.mp3' }),
			'audio.link',
			'must be an https URL',
		],
		[
			'audio with a caption',
			media('audio', { caption: 'Hi' }),
			'audio.caption',
			'not allowed for audio',
		],
		[
			'sticker with a caption',
			{ type: 'sticker', sticker: { id: '9', caption: 'Hi' } },
			'sticker.caption',
			'not allowed for sticker',
		],
		[
			'image with a filename',
			media('image', { filename: 'a.png' }),
			'image.filename',
			'only allowed for documents',
		],
		[
			'document with an empty id',
			{ type: 'document', document: { id: ' ' } },
			'document.id',
			'must be a non-empty string',
		],
		[
			'context that is not an object',
			{ ...media('image'), context: 'wamid.1' },
			'context',
			'must be an object',
		],
	],
});
