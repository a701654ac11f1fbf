import { backoffDelay, parseRetryAfter } from '../../../nodes/InsiderWhatsApp/transport/backoff';

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-01-01T12:00:00Z');

	it.each([
		['delay-seconds', '3', 3000],
		['delay-seconds with a fraction', '1.5', 1500],
		['a number', 2, 2000],
		['surrounding spaces', ' 4 ', 4000],
		['zero', '0', 0],
		['an HTTP date 5 s ahead', 'Thu, 01 Jan 2026 12:00:05 GMT', 5000],
		['an HTTP date in the past', 'Thu, 01 Jan 2026 11:59:00 GMT', 0],
	])('reads %s', (_case, value, expected) => {
		expect(parseRetryAfter(value, now)).toBe(expected);
	});

	it.each([
		['delay-seconds', '3600'],
		['an HTTP date', 'Thu, 01 Jan 2026 13:00:00 GMT'],
	])('caps %s at two minutes', (_case, value) => {
		expect(parseRetryAfter(value, now)).toBe(120_000);
	});

	it.each([
		['missing', undefined],
		['an empty string', ''],
		['a negative number', '-5'],
		['words', 'soon'],
		['an object', { seconds: 3 }],
		['an array', ['3']],
	])('ignores %s', (_case, value) => {
		expect(parseRetryAfter(value, now)).toBeUndefined();
	});
});

describe('backoffDelay', () => {
	afterEach(() => jest.restoreAllMocks());

	it.each([
		[0, 250, 500],
		[1, 500, 1000],
		[3, 2000, 4000],
		[6, 15_000, 30_000],
		[20, 15_000, 30_000],
	])('attempt %i waits between %i and %i ms', (attempt, lowest, highest) => {
		jest.spyOn(Math, 'random').mockReturnValue(0);
		expect(backoffDelay(attempt)).toBe(lowest);
		jest.spyOn(Math, 'random').mockReturnValue(0.999999);
		expect(backoffDelay(attempt)).toBe(highest);
	});
});
