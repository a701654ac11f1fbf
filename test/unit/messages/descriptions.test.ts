/** Each operation's panel declares every parameter its code reads, for that operation only. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MEDIA_OPERATIONS } from '../../../nodes/InsiderWhatsApp/actions/media/media.description';
import { MARK_AS_READ } from '../../../nodes/InsiderWhatsApp/actions/message/markAsRead.description';
import { SEND_OPERATIONS } from '../../../nodes/InsiderWhatsApp/actions/message/operations';
import {
	binaryPropertyInput,
	downloadInput,
	mediaIdInput,
} from '../../../nodes/InsiderWhatsApp/helpers/mediaInputs';
import type {
	FieldReader,
	MessageBuilder,
} from '../../../nodes/InsiderWhatsApp/helpers/messages/messageInput';
import { readReceiptInput } from '../../../nodes/InsiderWhatsApp/helpers/readReceiptInput';
import { InsiderWhatsApp } from '../../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import type { Params } from './builderHarness';
import { fieldReader } from './builderHarness';

/** The parameter names `reads` reads for these parameter sets, errors or not. */
async function namesRead(
	reads: (read: FieldReader) => unknown,
	paramSets: Params[],
): Promise<Set<string>> {
	const names = new Set<string>();
	for (const params of paramSets) {
		const read = fieldReader(params);
		try {
			await reads((name, fallback) => (names.add(name), read(name, fallback)));
		} catch {
			// Only the names matter here; the operations' own tests cover their errors.
		}
	}
	return names;
}

/** Enough of n8n's context for an upload step to read its parameters, then find no file. */
const noFiles = {
	getInputData: () => [{ json: {} }],
	helpers: {
		assertBinaryData: () => {
			throw new Error('no binary data');
		},
	},
} as unknown as IExecuteFunctions;

const each = (name: string, values: string[]) => values.map((value) => ({ [name]: value }));
const headerChoices = ['none', 'text', 'image', 'video', 'document'].flatMap((type) =>
	['link', 'id'].map((source) => ({ headerType: type, headerMediaSource: source })),
);

/** Parameter sets that make each builder read every field it can read. */
const PARAMETER_SETS: Record<string, Params[]> = {
	sendQuickReply: headerChoices,
	sendText: [{}],
	sendMedia: ['image', 'video', 'audio', 'document', 'sticker'].flatMap((mediaType) =>
		each('mediaSource', ['link', 'id', 'binary']).map((source) => ({ mediaType, ...source })),
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

/** What a send operation reads: its builder's fields and its upload step's. */
const sendReads =
	(build: MessageBuilder, upload: (typeof SEND_OPERATIONS)[number]['upload']) =>
	async (read: FieldReader) => {
		await upload?.(noFiles, read, 0).catch(() => undefined);
		return build(read);
	};

const operations = SEND_OPERATIONS.map(
	(operation) =>
		[
			operation.value,
			operation.properties,
			sendReads(operation.build, operation.upload),
			PARAMETER_SETS[operation.value] ?? [],
		] as [string, INodeProperties[], (read: FieldReader) => unknown, Params[]],
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

	it('declares every parameter the builder and upload step read', async () => {
		const declared = new Set(properties.map((property) => property.name));
		const undeclared = [...(await namesRead(builder, paramSets))]
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

/** The operations with their own requests: what each reads, for a complete item. */
const OWN_OPERATIONS: Array<[string, string, (read: FieldReader) => unknown]> = [
	['message', MARK_AS_READ.value, (read) => readReceiptInput(read, '')],
	['media', MEDIA_OPERATIONS.upload.value, binaryPropertyInput],
	['media', MEDIA_OPERATIONS.getUrl.value, mediaIdInput],
	['media', MEDIA_OPERATIONS.download.value, downloadInput],
];

const nodeProperties = new InsiderWhatsApp().description.properties;
const shownFor = (resource: string, operation: string) =>
	nodeProperties.filter(
		(p) =>
			(p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource) &&
			(p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation),
	);

describe.each(OWN_OPERATIONS)('%s > %s description', (resource, operation, reads) => {
	it('declares every parameter the operation reads, each shown for it', async () => {
		const complete = {
			messageId: 'm',
			phoneNumberId: '1',
			mediaId: '1',
			binaryPropertyName: 'data',
		};
		const names = [...(await namesRead(reads, [complete, {}]))];
		const declared = new Set(shownFor(resource, operation).map((p) => p.name));
		expect(names.filter((name) => !declared.has(name))).toEqual([]);
	});

	it('shows its fields for this operation only, and no send field', () => {
		for (const property of shownFor(resource, operation).filter((p) => p.name !== 'operation')) {
			expect(property.displayOptions?.show?.resource).toEqual([resource]);
			// A field may be shared between Get URL and Download, never with a send.
			const operations = property.displayOptions?.show?.operation as string[];
			expect(operations.every((value) => !SEND_OPERATIONS.some((s) => s.value === value))).toBe(
				true,
			);
		}
	});
});

test('Download options: its own file name and size limit beside the request options', () => {
	const options = shownFor('media', MEDIA_OPERATIONS.download.value).find(
		(p) => p.name === 'options',
	);
	expect((options?.options as INodeProperties[]).map((o) => o.name)).toEqual([
		'fileName',
		'maxFileSizeMb',
		'maxRetries',
		'requestsPerSecond',
	]);
});

test('the Message operation list offers Mark as Read, the Media resource its three operations', () => {
	const operationsOf = (resource: string) =>
		(
			nodeProperties.find(
				(p) =>
					p.name === 'operation' &&
					(p.displayOptions?.show?.resource as string[]).includes(resource),
			)?.options as Array<{ value: string }>
		).map((o) => o.value);
	expect(operationsOf('message')).toContain('markAsRead');
	expect(operationsOf('media')).toEqual(['download', 'getUrl', 'upload']);
});
