import { buildLocationMessage } from '../../../nodes/InsiderWhatsApp/helpers/messages/location';
import { build, expectMessage, refusal } from './builderHarness';

const istanbul = { latitude: 41.0082, longitude: 28.9784 };

describe('Send Location message', () => {
	it.each([
		[
			'a named place (coordinates as strings, as Insider documents them)',
			{ ...istanbul, locationName: 'Istanbul Store', address: 'Istiklal Cd. 1' },
			{
				latitude: '41.0082',
				longitude: '28.9784',
				name: 'Istanbul Store',
				address: 'Istiklal Cd. 1',
			},
		],
		[
			'numeric strings from an expression',
			{ latitude: ' 41.0082 ', longitude: '-28.97840' },
			{ latitude: '41.0082', longitude: '-28.9784' },
		],
		[
			'the point 0, 0 (zero is a coordinate, not a missing one)',
			{ latitude: 0, longitude: '0' },
			{ latitude: '0', longitude: '0' },
		],
		[
			'an address without a name',
			{ ...istanbul, locationName: ' ', address: 'Istiklal Cd. 1' },
			{ latitude: '41.0082', longitude: '28.9784', address: 'Istiklal Cd. 1' },
		],
	])('builds %s', (_case, params, location) => {
		expectMessage(buildLocationMessage, params, { type: 'location', location });
	});

	describe.each([
		['Latitude', 'latitude', 90],
		['Longitude', 'longitude', 180],
	])('%s', (field, name, limit) => {
		it.each([limit, -limit, `${limit}`])('accepts the boundary %p', (value) => {
			const { location } = build(buildLocationMessage, { ...istanbul, [name]: value });
			expect((location as Record<string, string>)[name]).toBe(String(Number(value)));
		});

		it.each([limit + 0.0001, -limit - 0.0001])('refuses %p', (value) => {
			expect(refusal(buildLocationMessage, { ...istanbul, [name]: value })).toBe(
				`${field}: ${value} is out of range; it must be -${limit} to ${limit}`,
			);
		});

		it.each([[''], ['  '], [null]])('refuses the missing value %p', (value) => {
			expect(refusal(buildLocationMessage, { ...istanbul, [name]: value })).toBe(
				`${field}: is required and must not be empty`,
			);
		});

		it.each([['north'], ['41,0082'], ['Infinity']])('refuses the non-number %p', (value) => {
			expect(refusal(buildLocationMessage, { ...istanbul, [name]: value })).toBe(
				`${field}: "${value}" is not a number`,
			);
		});
	});

	it('refuses a message without coordinates', () => {
		expect(refusal(buildLocationMessage, {})).toBe('Latitude: is required and must not be empty');
	});
});
