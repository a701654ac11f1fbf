/* Location messages. */
import { location, x } from '../messageBuilders';
import { checkMessageType } from './harness';

checkMessageType({
	accepted: [
		['location with string coordinates, as in Insider sample', location()],
		['location at 90, 180 as numbers', location({ latitude: 90, longitude: 180 })],
		[
			'a location name and address of 1000 characters',
			location({ name: x(1000), address: x(1000) }),
		],
		[
			'location at -90, -180 without name and address',
			{ type: 'location', location: { latitude: '-90', longitude: '-180' } },
		],
	],
	refused: [
		[
			'latitude 90.0001',
			location({ latitude: '90.0001' }),
			'location.latitude',
			'90.0001 is outside -90..90',
		],
		[
			'latitude -90.5',
			location({ latitude: -90.5 }),
			'location.latitude',
			'-90.5 is outside -90..90',
		],
		[
			'longitude 180.5',
			location({ longitude: 180.5 }),
			'location.longitude',
			'180.5 is outside -180..180',
		],
		[
			'longitude -181',
			location({ longitude: '-181' }),
			'location.longitude',
			'-181 is outside -180..180',
		],
		[
			'latitude not a number',
			location({ latitude: 'north' }),
			'location.latitude',
			'must be a number',
		],
		['missing longitude', location({ longitude: undefined }), 'location.longitude', 'required'],
		['location name not a string', location({ name: 7 }), 'location.name', 'must be a string'],
	],
});
