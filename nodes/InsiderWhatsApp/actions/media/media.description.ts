/**
 * The Media resource's fields: Upload (a binary file in), Get URL and Download (a media ID in, a
 * binary file out for Download).
 */
import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperties } from '../message/common.description';

export const MEDIA_OPERATIONS = {
	download: {
		name: 'Download',
		value: 'download',
		action: 'Download media',
		description: 'Download a media file, such as a photo or voice note a contact sent, into n8n',
	},
	getUrl: {
		name: 'Get URL',
		value: 'getUrl',
		action: 'Get the URL of media',
		description: "Get a media file's download URL, MIME type, size and SHA-256",
	},
	upload: {
		name: 'Upload',
		value: 'upload',
		action: 'Upload media',
		description: 'Upload a binary file to WhatsApp and get its media ID',
	},
} as const;

const show = (...operations: string[]) => ({
	show: { resource: ['media'], operation: operations },
});

const { download, getUrl, upload } = MEDIA_OPERATIONS;

export const mediaFieldProperties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'data',
		hint: 'The name of the input binary field containing the file to be uploaded',
		description:
			'JPEG or PNG image up to 5 MB, MP4 or 3GPP video up to 16 MB, AAC, AMR, MP3, M4A or OGG Opus audio up to 16 MB, PDF, text, CSV or Office document up to 100 MB, WebP sticker up to 100 KB (500 KB animated)',
		displayOptions: show(upload.value),
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		required: true,
		default: '={{ $json.media?.id }}',
		placeholder: '1234567890123456',
		description:
			"The media's ID: the Insider WhatsApp Trigger's media.ID for a file a contact sent, or Upload's ID",
		displayOptions: show(getUrl.value, download.value),
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: show(download.value),
	},
	requestOptionsProperties('media', [upload.value, getUrl.value]),
	requestOptionsProperties(
		'media',
		[download.value],
		[
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'photo.jpg',
				description:
					"The binary file's name. Empty: the media ID with the extension of its MIME type.",
			},
			{
				displayName: 'Max File Size (MB)',
				name: 'maxFileSizeMb',
				type: 'number',
				default: 100,
				typeOptions: { minValue: 1 },
				description:
					"A file the server announces as larger is not downloaded. 100 MB is WhatsApp's largest media (documents).",
			},
		],
	),
];
