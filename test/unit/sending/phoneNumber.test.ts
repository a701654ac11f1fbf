import { normalizePhoneNumber } from '../../../nodes/InsiderWhatsApp/helpers/phoneNumber';

describe('normalizePhoneNumber', () => {
	it.each([
		['+905321234567', '+905321234567'],
		['+90 (532) 123-45.67', '+905321234567'],
		['  +1 555 000 1111  ', '+15550001111'],
		['0090 532 123 45 67', '+905321234567'],
		['+12345678', '+12345678'],
		['+123456789012345', '+123456789012345'],
	])('%j becomes %j', (input, expected) => {
		expect(normalizePhoneNumber(input)).toBe(expected);
	});

	it.each([
		['no plus or 00', '905321234567'],
		['a country code starting with 0', '+05321234567'],
		['too short', '+1234567'],
		['too long', '+1234567890123456'],
		['letters', '+1555CALLNOW'],
		['empty', ''],
		['a single 0 prefix', '0532 123 45 67'],
	])('%s is refused', (_case, input) => {
		expect(normalizePhoneNumber(input)).toBeUndefined();
	});
});
