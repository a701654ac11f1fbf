/* Text messages, the reply-to context every type may carry, and unknown types. */
import { text, x } from '../messageBuilders';
import { checkMessageType } from './harness';

checkMessageType({
	accepted: [
		['text with a link preview', text()],
		[
			'text body of 4096 characters (an emoji counts as one)',
			text({ body: x(4095) + '🚚', preview_url: false }),
		],
		[
			'a reply-to context on a text',
			{ ...text(), context: { message_id: 'wamid.HBgLMTU1NTAwMDExMTE' } },
		],
	],
	refused: [
		['text body of 4097', text({ body: x(4097) }), 'text.body', 'length 4097 exceeds max 4096'],
		['text without body', text({ body: undefined }), 'text.body', 'required'],
		[
			'text preview_url not boolean',
			text({ preview_url: 'yes' }),
			'text.preview_url',
			'must be true or false',
		],
		['text type without its object', { type: 'text' }, 'text', 'required object'],
		[
			'an unknown interactive type',
			{ type: 'interactive', interactive: { type: 'carousel' } },
			'interactive.type',
			'must be one of button, list, cta_url',
		],
		['context without message_id', { ...text(), context: {} }, 'context.message_id', 'required'],
		[
			'an unknown message type',
			{ type: 'reaction', reaction: {} },
			'type',
			'unsupported message type "reaction"',
		],
	],
});
