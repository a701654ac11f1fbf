import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MESSAGE_LIMITS } from '../../helpers/messages/limits';

/** Fields of Message > Send Text (the recipient and options are common to every send). */
const properties: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'Your order #1234 has shipped and arrives on Friday.',
		description: `The message, up to ${MESSAGE_LIMITS.text.body} characters. Emoji and WhatsApp markdown (*bold*, _italic_) are allowed.`,
	},
	{
		displayName: 'Preview URL',
		name: 'previewUrl',
		type: 'boolean',
		default: false,
		description: 'Whether WhatsApp shows a preview of the first https link in the text',
	},
];

export const sendTextProperties = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendText'] } },
	properties,
);
