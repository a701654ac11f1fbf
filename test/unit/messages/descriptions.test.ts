/** Each operation's panel declares every parameter its builder reads, for that operation only. */
import type { INodeProperties } from 'n8n-workflow';

import { sendCtaUrlProperties } from '../../../nodes/InsiderWhatsApp/actions/message/sendCtaUrl.description';
import { sendListProperties } from '../../../nodes/InsiderWhatsApp/actions/message/sendList.description';
import { sendLocationProperties } from '../../../nodes/InsiderWhatsApp/actions/message/sendLocation.description';
import { sendMediaProperties } from '../../../nodes/InsiderWhatsApp/actions/message/sendMedia.description';
import { sendTemplateProperties } from '../../../nodes/InsiderWhatsApp/actions/message/sendTemplate.description';
import { sendTextProperties } from '../../../nodes/InsiderWhatsApp/actions/message/sendText.description';
import { buildCtaUrlMessage } from '../../../nodes/InsiderWhatsApp/helpers/messages/ctaUrl';
import { buildListMessage } from '../../../nodes/InsiderWhatsApp/helpers/messages/list';
import { buildLocationMessage } from '../../../nodes/InsiderWhatsApp/helpers/messages/location';
import { buildMediaMessage } from '../../../nodes/InsiderWhatsApp/helpers/messages/media';
import type { MessageBuilder } from '../../../nodes/InsiderWhatsApp/helpers/messages/messageInput';
import { buildTemplateMessage } from '../../../nodes/InsiderWhatsApp/helpers/messages/template';
import { buildTextMessage } from '../../../nodes/InsiderWhatsApp/helpers/messages/text';
import type { Params } from './builderHarness';
import { fieldReader } from './builderHarness';

/** The parameter names a builder reads for these parameter sets, errors or not. */
function namesRead(builder: MessageBuilder, paramSets: Params[]): Set<string> {
	const names = new Set<string>();
	for (const params of paramSets) {
		const read = fieldReader(params);
		try {
			builder((name, fallback) => (names.add(name), read(name, fallback)));
		} catch {
			// Only the names matter here; the builders' own tests cover their errors.
		}
	}
	return names;
}

const each = (name: string, values: string[]) => values.map((value) => ({ [name]: value }));
const headerChoices = ['none', 'text', 'image', 'video', 'document'].flatMap((type) =>
	['link', 'id'].map((source) => ({ headerType: type, headerMediaSource: source })),
);

const operations: Array<[string, INodeProperties[], MessageBuilder, Params[]]> = [
	['sendText', sendTextProperties, buildTextMessage, [{}]],
	[
		'sendMedia',
		sendMediaProperties,
		buildMediaMessage,
		['image', 'video', 'audio', 'document', 'sticker'].flatMap((mediaType) =>
			each('mediaSource', ['link', 'id']).map((source) => ({ mediaType, ...source })),
		),
	],
	['sendLocation', sendLocationProperties, buildLocationMessage, [{ latitude: 1, longitude: 1 }]],
	['sendList', sendListProperties, buildListMessage, [{}]],
	['sendCtaUrl', sendCtaUrlProperties, buildCtaUrlMessage, headerChoices],
	[
		'sendTemplate',
		sendTemplateProperties,
		buildTemplateMessage,
		headerChoices.map(({ headerType, headerMediaSource }) => ({
			templateName: 't',
			languageCode: 'en',
			headerParameterType: headerType,
			headerMediaSource,
		})),
	],
];

describe.each(operations)('%s description', (operation, properties, builder, paramSets) => {
	it('shows every field only for this operation of the Message resource', () => {
		for (const property of properties) {
			expect(property.displayOptions?.show).toMatchObject({
				resource: ['message'],
				operation: [operation],
			});
		}
	});

	it('declares every parameter the builder reads', () => {
		const declared = new Set(properties.map((property) => property.name));
		const undeclared = [...namesRead(builder, paramSets)]
			.map((name) => name.split('.')[0])
			.filter((name) => !declared.has(name));
		expect(undeclared).toEqual([]);
	});

	it('lists options alphabetically and marks no toggle as required', () => {
		const all = (list: unknown[]): INodeProperties[] =>
			(list as INodeProperties[]).flatMap((property) => [
				property,
				...all(
					(property.options ?? []).flatMap((option) =>
						'values' in option ? option.values : 'type' in option ? [option] : [],
					),
				),
			]);
		for (const property of all(properties)) {
			if (property.type === 'options') {
				const names = (property.options ?? []).map((option) => option.name);
				expect(names).toEqual([...names].sort());
			}
			if (property.type === 'boolean') expect(property.required).toBeUndefined();
		}
	});
});
