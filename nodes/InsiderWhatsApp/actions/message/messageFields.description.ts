import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { MESSAGE_LIMITS } from '../../helpers/messages/limits';

const INTERACTIVE = MESSAGE_LIMITS.interactive;
const MEDIA_HEADER_TYPES = ['image', 'video', 'document'];

/** How a header's type and text fields are named and described in one operation. */
interface HeaderFieldsOptions {
	type: { name: string; displayName: string; description: string; options: INodePropertyOptions[] };
	text: { name: string; displayName: string; description: string; placeholder: string };
}

/**
 * A header's fields: its type, its text, and for media the source, link or id and a document's
 * file name. Shared by Send Quick Reply (and Send and Wait), Send Link Button and Send Template,
 * so the same parameter names read the same way everywhere (helpers/messages/interactiveHeader).
 */
export function headerFields(options: HeaderFieldsOptions): INodeProperties[] {
	const typeName = options.type.name;
	return [
		{
			displayName: options.type.displayName,
			name: typeName,
			type: 'options',
			default: 'none',
			options: options.type.options,
			description: options.type.description,
		},
		{
			displayName: options.text.displayName,
			name: options.text.name,
			type: 'string',
			required: true,
			default: '',
			placeholder: options.text.placeholder,
			description: options.text.description,
			displayOptions: { show: { [typeName]: ['text'] } },
		},
		{
			displayName: 'Header Media Source',
			name: 'headerMediaSource',
			type: 'options',
			default: 'link',
			options: [
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
			displayOptions: { show: { [typeName]: MEDIA_HEADER_TYPES } },
		},
		{
			displayName: 'Header Media Link',
			name: 'headerMediaLink',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/image.png',
			description: 'Public https URL of the image, video or document',
			displayOptions: { show: { [typeName]: MEDIA_HEADER_TYPES, headerMediaSource: ['link'] } },
		},
		{
			displayName: 'Header Media ID',
			name: 'headerMediaId',
			type: 'string',
			required: true,
			default: '',
			description: 'ID of media uploaded to WhatsApp beforehand',
			displayOptions: { show: { [typeName]: MEDIA_HEADER_TYPES, headerMediaSource: ['id'] } },
		},
		{
			displayName: 'Header Filename',
			name: 'headerFilename',
			type: 'string',
			default: '',
			placeholder: 'invoice.pdf',
			description: 'File name shown to the recipient for the document',
			displayOptions: { show: { [typeName]: ['document'] } },
		},
	];
}

/** The header of an interactive message (quick reply, link button). */
export function interactiveHeaderFields(textPlaceholder: string): INodeProperties[] {
	return headerFields({
		type: {
			name: 'headerType',
			displayName: 'Header Type',
			description: 'What appears above the message body',
			options: [
				{
					name: 'Document',
					value: 'document',
					description: 'A PDF, text or Office file, up to 100 MB',
				},
				{ name: 'Image', value: 'image', description: 'A JPEG or PNG image, up to 5 MB' },
				{ name: 'None', value: 'none', description: 'No header above the body' },
				{
					name: 'Text',
					value: 'text',
					description: `A bold line of up to ${INTERACTIVE.headerText} characters`,
				},
				{ name: 'Video', value: 'video', description: 'An MP4 or 3GP video, up to 16 MB' },
			],
		},
		text: {
			name: 'headerText',
			displayName: 'Header Text',
			placeholder: textPlaceholder,
			description: `Up to ${INTERACTIVE.headerText} characters. Emoji are allowed, markdown is not.`,
		},
	});
}

/** Body and footer of an interactive message. */
export function bodyAndFooterFields(bodyPlaceholder: string): INodeProperties[] {
	return [
		{
			displayName: 'Body Text',
			name: 'bodyText',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 4 },
			placeholder: bodyPlaceholder,
			description: `The message itself, up to ${INTERACTIVE.bodyText} characters. Emoji and WhatsApp markdown (*bold*, _italic_) are allowed.`,
		},
		{
			displayName: 'Footer Text',
			name: 'footerText',
			type: 'string',
			default: '',
			placeholder: 'Reply STOP to opt out',
			description: `Optional grey line under the body, up to ${INTERACTIVE.footerText} characters`,
		},
	];
}
