/* Template messages. */
import { quickReplyButton, template, x } from '../messageBuilders';
import { checkMessageType } from './harness';

checkMessageType({
	accepted: [
		['template with media header, body parameters, quick-reply and URL buttons', template()],
		[
			'template with name and language only',
			template({ components: undefined, language: { code: 'tr' } }),
		],
		[
			'template with sub_type in capitals and numeric index, as Insider table spells it',
			template({}, [
				{
					type: 'button',
					sub_type: 'QUICK_REPLY',
					index: 0,
					parameters: [{ type: 'payload', payload: 'Y' }],
				},
			]),
		],
		[
			'carousel template',
			template({}, [
				{ type: 'body', parameters: [{ type: 'text', text: 'Alice' }] },
				{
					type: 'carousel',
					cards: [0, 1].map((card_index) => ({
						card_index,
						components: [
							{
								type: 'header',
								parameters: [{ type: 'image', image: { id: `img${card_index}` } }],
							},
							quickReplyButton('0', `card${card_index}`),
							{
								type: 'button',
								sub_type: 'url',
								index: '1',
								parameters: [{ type: 'text', text: 'p' }],
							},
						],
					})),
				},
			]),
		],
		['a reply-to context on a template', { ...template(), context: { message_id: 'wamid.abc' } }],
		['a template name of 600 characters', template({ name: x(600) })],
	],
	refused: [
		['template without name', template({ name: undefined }), 'template.name', 'required'],
		[
			'template without language',
			template({ language: undefined }),
			'template.language',
			'required object',
		],
		[
			'template without language code',
			template({ language: { policy: 'deterministic' } }),
			'template.language.code',
			'required',
		],
		[
			'template with an unknown policy',
			template({ language: { code: 'en', policy: 'strict' } }),
			'template.language.policy',
			'must be one of deterministic, fallback',
		],
		[
			'template component of an unknown type',
			template({}, [{ type: 'footer', parameters: [] }]),
			'template.components[0].type',
			'must be one of header, body, button',
		],
		[
			'body parameter of type payload',
			template({}, [{ type: 'body', parameters: [{ type: 'payload', payload: 'x' }] }]),
			'template.components[0].parameters[0].type',
			'must be one of text, currency, date_time',
		],
		[
			'text parameter without text',
			template({}, [{ type: 'body', parameters: [{ type: 'text' }] }]),
			'template.components[0].parameters[0].text',
			'required',
		],
		[
			'body without parameters',
			template({}, [{ type: 'body' }]),
			'template.components[0].parameters',
			'required array',
		],
		[
			'quick reply without payload',
			template({}, [
				{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload' }] },
			]),
			'template.components[0].parameters[0].payload',
			'required',
		],
		[
			'button without index',
			template({}, [
				{
					type: 'button',
					sub_type: 'quick_reply',
					parameters: [{ type: 'payload', payload: 'y' }],
				},
			]),
			'template.components[0].index',
			'required',
		],
		[
			'button with an unknown sub_type',
			template({}, [{ type: 'button', sub_type: 'call', index: '0', parameters: [] }]),
			'template.components[0].sub_type',
			'must be one of quick_reply, url',
		],
		[
			'header image with neither link nor id',
			template({}, [{ type: 'header', parameters: [{ type: 'image', image: {} }] }]),
			'template.components[0].parameters[0].image',
			'exactly one of link or id',
		],
		[
			'carousel card without components',
			template({}, [{ type: 'carousel', cards: [{ card_index: 0 }] }]),
			'template.components[0].cards[0].components',
			'required array',
		],
	],
});
