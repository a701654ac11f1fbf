import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MESSAGE_LIMITS } from '../../helpers/messages/limits';

const { latitude: maxLatitude, longitude: maxLongitude } = MESSAGE_LIMITS.location;

/** A required coordinate in decimal degrees, from -max to max. */
function coordinate(
	label: 'Latitude' | 'Longitude',
	max: number,
	placeholder: string,
	[negative, positive]: [string, string],
): INodeProperties {
	return {
		displayName: label,
		name: label.toLowerCase(),
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: -max, maxValue: max },
		placeholder,
		description: `Decimal degrees, -${max} (${negative}) to ${max} (${positive}). A numeric string from an expression works too.`,
	};
}

/** Fields of Message > Send Location (the recipient and options are common to every send). */
const properties: INodeProperties[] = [
	coordinate('Latitude', maxLatitude, '41.0082', ['south', 'north']),
	coordinate('Longitude', maxLongitude, '28.9784', ['west', 'east']),
	{
		displayName: 'Name',
		name: 'locationName',
		type: 'string',
		default: '',
		placeholder: 'Istanbul Store',
		description: 'Optional name of the place, shown above the address',
	},
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		default: '',
		placeholder: 'Istiklal Cd. 1, 34433 Beyoglu/Istanbul',
		description: 'Optional address of the place',
	},
];

export const sendLocationProperties = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendLocation'] } },
	properties,
);
