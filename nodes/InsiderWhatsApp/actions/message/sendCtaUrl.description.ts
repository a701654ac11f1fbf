import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MESSAGE_LIMITS } from '../../helpers/messages/limits';
import { bodyAndFooterFields, interactiveHeaderFields } from './messageFields.description';

/** Fields of Message > Send Link Button (the recipient and options are common to every send). */
const properties: INodeProperties[] = [
	...interactiveHeaderFields('Your invoice is ready'),
	...bodyAndFooterFields('Track your parcel on our website.'),
	{
		displayName: 'Button Text',
		name: 'buttonText',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Track parcel',
		description: `Label of the button, up to ${MESSAGE_LIMITS.ctaUrl.buttonText} characters`,
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/track?order=1234',
		description: 'The https address the button opens',
	},
];

export const sendCtaUrlProperties = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendCtaUrl'] } },
	properties,
);
