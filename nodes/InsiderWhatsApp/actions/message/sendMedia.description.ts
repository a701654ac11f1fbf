import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MESSAGE_LIMITS } from '../../helpers/messages/limits';

/** Fields of Message > Send Media (the recipient and options are common to every send). */
const properties: INodeProperties[] = [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		default: 'image',
		options: [
			{ name: 'Audio', value: 'audio', description: 'AAC, M4A, AMR, MP3 or OGG Opus, up to 16 MB' },
			{
				name: 'Document',
				value: 'document',
				description: 'PDF, text, CSV or Office file, up to 100 MB',
			},
			{ name: 'Image', value: 'image', description: 'JPEG or PNG, up to 5 MB' },
			{
				name: 'Sticker',
				value: 'sticker',
				description: 'WebP, up to 100 KB (500 KB animated)',
			},
			{ name: 'Video', value: 'video', description: 'MP4 or 3GP, up to 16 MB' },
		],
	},
	{
		displayName: 'Media Source',
		name: 'mediaSource',
		type: 'options',
		default: 'link',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description:
					'A file in the input item, uploaded to WhatsApp first: once per execution however many contacts receive it',
			},
			{
				name: 'Link',
				value: 'link',
				description: 'A public https URL WhatsApp downloads the file from',
			},
			{
				name: 'Media ID',
				value: 'id',
				description: 'The ID of media already uploaded to WhatsApp',
			},
		],
	},
	{
		displayName: 'Media Link',
		name: 'mediaLink',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/catalogue.pdf',
		description: 'Public https URL of the file',
		displayOptions: {
			show: { mediaSource: ['link'] },
		},
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of media uploaded to WhatsApp beforehand',
		displayOptions: {
			show: { mediaSource: ['id'] },
		},
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'data',
		hint: 'The name of the input binary field containing the file to be sent',
		description:
			"Checked against WhatsApp's types and sizes for the Media Type before anything is uploaded",
		displayOptions: {
			show: { mediaSource: ['binary'] },
		},
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		placeholder: 'Our new spring catalogue',
		description: `Optional text under the media, up to ${MESSAGE_LIMITS.media.caption} characters. Audio and stickers have no caption.`,
		displayOptions: {
			show: { mediaType: ['image', 'video', 'document'] },
		},
	},
	{
		displayName: 'Filename',
		name: 'filename',
		type: 'string',
		default: '',
		placeholder: 'catalogue.pdf',
		description:
			"File name shown to the recipient for the document. Empty, for a binary file: the file's own name.",
		displayOptions: {
			show: { mediaType: ['document'] },
		},
	},
];

export const sendMediaProperties = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendMedia'] } },
	properties,
);
