import type { IDataObject } from 'n8n-workflow';

import { MESSAGE_LIMITS } from './limits';
import type { FieldReader } from './messageInput';
import { MessageInputError } from './messageInput';

export interface LocationInput {
	latitude: unknown;
	longitude: unknown;
	name?: string;
	address?: string;
}

/**
 * Insider's `message` object for a location pin. Insider documents the coordinates as strings
 * (v1 sample and v2 table alike), so they are sent as strings.
 */
export interface LocationMessage {
	type: 'location';
	location: { latitude: string; longitude: string; name?: string; address?: string };
}

/** A number in -limit..limit, given as a number or, from an expression, a numeric string. */
function coordinate(field: string, value: unknown, limit: number): string {
	const text = typeof value === 'number' ? String(value) : String(value ?? '').trim();
	if (text === '') throw new MessageInputError(field, 'is required and must not be empty');
	const number = Number(text);
	if (!Number.isFinite(number)) throw new MessageInputError(field, `"${text}" is not a number`);
	if (number < -limit || number > limit) {
		throw new MessageInputError(
			field,
			`${number} is out of range; it must be -${limit} to ${limit}`,
		);
	}
	return String(number);
}

export function readLocationInput(read: FieldReader): LocationInput {
	return {
		latitude: read<unknown>('latitude', ''),
		longitude: read<unknown>('longitude', ''),
		name: String(read('locationName', '')),
		address: String(read('address', '')),
	};
}

export function locationFromInput(input: LocationInput): LocationMessage {
	const latitude = coordinate('Latitude', input.latitude, MESSAGE_LIMITS.location.latitude);
	const longitude = coordinate('Longitude', input.longitude, MESSAGE_LIMITS.location.longitude);
	const name = (input.name ?? '').trim();
	const address = (input.address ?? '').trim();
	return {
		type: 'location',
		location: {
			latitude,
			longitude,
			...(name !== '' ? { name } : {}),
			...(address !== '' ? { address } : {}),
		},
	};
}

/** Send Location's message builder. */
export function buildLocationMessage(read: FieldReader): IDataObject {
	return locationFromInput(readLocationInput(read)) as unknown as IDataObject;
}
