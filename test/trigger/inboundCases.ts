/**
 * The payload table's rows for inbound messages: Meta's envelope around each type a contact can
 * send (written after Meta's webhook reference for each type), and the item each must give. The
 * sandbox's own posts of the same types are read in inboundMessages.test.ts.
 */
import type { ExpectedItem, PayloadCase } from './expectedItems';
import { expectedMedia, iso, item, PHONE_NUMBER_ID } from './expectedItems';

type Json = Record<string, unknown>;

const CONTACT = '16505551234';
const SENT_AT = 1750264000;
const PHOTO_HASH = 'Zm90by1oYXNoLW9mLXRoZS1waG90by0xMjM0NTY3ODkw';

let counter = 0;
/** An inbound message from the contact, with a fresh id. */
const message = (type: string, content: Json): Json => ({
	from: CONTACT,
	id: `wamid.inbound-${++counter}`,
	timestamp: String(SENT_AT),
	type,
	...content,
});

/** Meta's envelope around messages, as Insider forwards it to the conversational webhook. */
const envelope = (messages: Json[]) =>
	JSON.stringify({
		object: 'whatsapp_business_account',
		entry: [
			{
				id: '102290129340398',
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
							contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: CONTACT }],
							messages,
						},
					},
				],
			},
		],
	});

/** The item of an inbound message: who sent it, when, to which business number, its type. */
const fromContact = (raw: Json, fields: Partial<ExpectedItem>) =>
	item({
		event: 'message',
		messageId: raw.id as string,
		phoneNumber: `+${CONTACT}`,
		timestamp: iso(SENT_AT),
		phoneNumberId: PHONE_NUMBER_ID,
		messageType: typeof raw.type === 'string' ? raw.type : null,
		raw,
		...fields,
	});

/** One message in its own envelope, giving one item. */
const single = (name: string, raw: Json, fields: Partial<ExpectedItem>): PayloadCase => ({
	name,
	body: envelope([raw]),
	expectedItems: [fromContact(raw, fields)],
});

const text = message('text', { text: { body: 'Where is my order?' } });
const photo = message('image', {
	image: {
		caption: 'The box arrived damaged',
		mime_type: 'image/jpeg',
		sha256: PHOTO_HASH,
		id: '1480000000000001',
	},
});
const photoWithoutCaption = message('image', {
	image: { mime_type: 'image/jpeg', sha256: PHOTO_HASH, id: '1480000000000002' },
});
const voiceNote = message('audio', {
	audio: {
		mime_type: 'audio/ogg; codecs=opus',
		sha256: 'dm9pY2U=',
		id: '1480000000000003',
		voice: true,
	},
});
const audioFile = message('audio', {
	audio: { mime_type: 'audio/mpeg', sha256: 'c29uZw==', id: '1480000000000004', voice: false },
});
const video = message('video', {
	video: {
		caption: 'Unboxing',
		mime_type: 'video/mp4',
		sha256: 'dmlkZW8=',
		id: '1480000000000005',
	},
});
const invoice = message('document', {
	document: {
		caption: 'My invoice',
		filename: 'invoice-2025-06.pdf',
		mime_type: 'application/pdf',
		sha256: 'cGRm',
		id: '1480000000000006',
	},
});
const sticker = message('sticker', {
	sticker: {
		mime_type: 'image/webp',
		sha256: 'c3RpY2tlcg==',
		id: '1480000000000007',
		animated: false,
	},
});
const place = {
	latitude: 41.0425,
	longitude: 29.0089,
	name: 'Istanbul Office',
	address: 'Maslak, Istanbul',
	url: 'https://example.com/office',
};
const sharedLocation = message('location', { location: place });
const coordinatesAsText = message('location', {
	location: { latitude: '-33.8568', longitude: '151.2153' },
});
const coordinatesNotNumbers = message('location', {
	location: { latitude: '1e3', longitude: 'east', name: 'Somewhere' },
});
const sharedContacts = message('contacts', {
	contacts: [
		{
			name: { formatted_name: 'Ayşe Yılmaz', first_name: 'Ayşe', last_name: 'Yılmaz' },
			phones: [
				{ phone: '+90 555 000 11 22', wa_id: '905550001122', type: 'CELL' },
				{ phone: '+90 212 000 00 00', type: 'WORK' },
			],
			emails: [{ email: 'ayse@example.com', type: 'WORK' }],
			org: { company: 'Example' },
		},
		{ name: { formatted_name: 'Support' } },
	],
});
const reaction = message('reaction', {
	reaction: { message_id: 'wamid.sent-by-the-business', emoji: '👍' },
});
const reactionRemoved = message('reaction', {
	reaction: { message_id: 'wamid.sent-by-the-business' },
});
const order = message('order', {
	order: { catalog_id: '1', product_items: [{ product_retailer_id: 'sku-1', quantity: 1 }] },
});
const unsupported = message('unsupported', {
	errors: [
		{
			code: 131051,
			title: 'Message type unknown',
			message: 'Message type unknown',
			error_data: { details: 'Message type is currently not supported.' },
		},
	],
});
const flowAnswer = message('interactive', {
	interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', response_json: '{}' } },
});
const imageWithoutImage = message('image', {});
const untyped = message('text', { text: { body: 'no type' } });
delete untyped.type;

export const INBOUND_CASES: PayloadCase[] = [
	single('an inbound text', text, { text: 'Where is my order?' }),
	{
		name: 'photos with and without a caption',
		body: envelope([photo, photoWithoutCaption]),
		expectedItems: [
			fromContact(photo, {
				text: 'The box arrived damaged',
				media: expectedMedia({
					id: '1480000000000001',
					mimeType: 'image/jpeg',
					sha256: PHOTO_HASH,
					caption: 'The box arrived damaged',
				}),
			}),
			fromContact(photoWithoutCaption, {
				media: expectedMedia({
					id: '1480000000000002',
					mimeType: 'image/jpeg',
					sha256: PHOTO_HASH,
				}),
			}),
		],
	},
	single('a voice note', voiceNote, {
		media: expectedMedia({
			id: '1480000000000003',
			mimeType: 'audio/ogg; codecs=opus',
			sha256: 'dm9pY2U=',
			voice: true,
		}),
	}),
	single('an audio file', audioFile, {
		media: expectedMedia({ id: '1480000000000004', mimeType: 'audio/mpeg', sha256: 'c29uZw==' }),
	}),
	single('a video with a caption', video, {
		text: 'Unboxing',
		media: expectedMedia({
			id: '1480000000000005',
			mimeType: 'video/mp4',
			sha256: 'dmlkZW8=',
			caption: 'Unboxing',
		}),
	}),
	single('a document with a file name and a caption', invoice, {
		text: 'My invoice',
		media: expectedMedia({
			id: '1480000000000006',
			mimeType: 'application/pdf',
			sha256: 'cGRm',
			caption: 'My invoice',
			filename: 'invoice-2025-06.pdf',
		}),
	}),
	single('a sticker', sticker, {
		media: expectedMedia({
			id: '1480000000000007',
			mimeType: 'image/webp',
			sha256: 'c3RpY2tlcg==',
		}),
	}),
	single('a location', sharedLocation, { location: place }),
	{
		name: 'locations with coordinates as text, and with coordinates that are no numbers',
		body: envelope([coordinatesAsText, coordinatesNotNumbers]),
		expectedItems: [
			fromContact(coordinatesAsText, {
				location: { latitude: -33.8568, longitude: 151.2153, name: null, address: null, url: null },
			}),
			fromContact(coordinatesNotNumbers, {
				location: { latitude: null, longitude: null, name: 'Somewhere', address: null, url: null },
			}),
		],
	},
	single('shared contacts', sharedContacts, {
		contacts: [
			{
				name: 'Ayşe Yılmaz',
				phones: [
					{ phone: '+90 555 000 11 22', waId: '905550001122', type: 'CELL' },
					{ phone: '+90 212 000 00 00', waId: null, type: 'WORK' },
				],
				emails: [{ email: 'ayse@example.com', type: 'WORK' }],
			},
			{ name: 'Support', phones: [], emails: [] },
		],
	}),
	single('a reaction', reaction, {
		reaction: { messageId: 'wamid.sent-by-the-business', emoji: '👍' },
	}),
	single('a reaction removed', reactionRemoved, {
		reaction: { messageId: 'wamid.sent-by-the-business', emoji: null },
	}),
	single('a message type the node does not know (an order)', order, { event: 'unknown' }),
	single("Meta's unsupported message, with its error", unsupported, {
		event: 'unknown',
		error: {
			code: 131051,
			title: 'Message type unknown',
			message: 'Message type unknown',
			details: 'Message type is currently not supported.',
		},
	}),
	single('an interactive answer that is no button or list tap (a flow)', flowAnswer, {
		event: 'unknown',
	}),
	{
		name: 'a message without the object its type names, and one without a type',
		body: envelope([imageWithoutImage, untyped]),
		expectedItems: [
			fromContact(imageWithoutImage, { event: 'unknown' }),
			fromContact(untyped, { event: 'unknown' }),
		],
	},
];
