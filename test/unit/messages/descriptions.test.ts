/** Each operation's panel declares every parameter its builder reads, for that operation only. */
import type { INodeProperties } from 'n8n-workflow';

import { SEND_OPERATIONS } from '../../../nodes/InsiderWhatsApp/actions/message/operations';
import type { MessageBuilder } from '../../../nodes/InsiderWhatsApp/helpers/messages/messageInput';
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

/** Parameter sets that make each builder read every field it can read. */
const PARAMETER_SETS: Record<string, Params[]> = {
	sendQuickReply: headerChoices,
	sendText: [{}],
	sendMedia: ['image', 'video', 'audio', 'document', 'sticker'].flatMap((mediaType) =>
		each('mediaSource', ['link', 'id']).map((source) => ({ mediaType, ...source })),
	),
	sendLocation: [{ latitude: 1, longitude: 1 }],
	sendList: [{}],
	sendCtaUrl: headerChoices,
	sendTemplate: headerChoices.map(({ headerType, headerMediaSource }) => ({
		templateName: 't',
		languageCode: 'en',
		headerParameterType: headerType,
		headerMediaSource,
	})),
};

test('every send operation of the table is described here', () => {
	expect(SEND_OPERATIONS.map((operation) => operation.value).sort()).toEqual(
		Object.keys(PARAMETER_SETS).sort(),
	);
});

/** Send Quick Reply's fields are Send and Wait's too: it sends the same message. */
const SHARED_WITH: Record<string, string[]> = { sendQuickReply: ['sendAndWait'] };

const operations = SEND_OPERATIONS.map(
	(operation) =>
		[
			operation.value,
			operation.properties,
			operation.build,
			PARAMETER_SETS[operation.value] ?? [],
		] as [string, INodeProperties[], MessageBuilder, Params[]],
);

describe.each(operations)('%s description', (operation, properties, builder, paramSets) => {
	it('shows every field only for this operation of the Message resource', () => {
		for (const property of properties) {
			expect(property.displayOptions?.show).toMatchObject({
				resource: ['message'],
				operation: [operation, ...(SHARED_WITH[operation] ?? [])],
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
