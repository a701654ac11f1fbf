import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MESSAGE_LIMITS } from '../../helpers/messages/limits';

const { latitude: maxLatitude, longitude: maxLongitude } = MESSAGE_LIMITS.location;

/** Fields of Message > Send Location (the recipient and options are common to every send). */
const properties: INodeProperties[] = [
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: -maxLatitude, maxValue: maxLatitude },
		placeholder: '41.0082',
		description: `Decimal degrees, -${maxLatitude} (south) to ${maxLatitude} (north). A numeric string from an expression works too.`,
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: -maxLongitude, maxValue: maxLongitude },
		placeholder: '28.9784',
		description: `Decimal degrees, -${maxLongitude} (west) to ${maxLongitude} (east). A numeric string from an expression works too.`,
	},
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
