import {
	classifyNetworkError,
	classifyResponse,
} from '../../../nodes/InsiderWhatsApp/transport/insiderClient';
import type { SendOutcome } from '../../../nodes/InsiderWhatsApp/transport/insiderClient';

const answer = (statusCode: number, body: unknown, headers: Record<string, unknown> = {}) =>
	classifyResponse({ statusCode, headers, body }, 2);

/** The failure an outcome carries, whatever its kind. */
function failureOf(outcome: SendOutcome) {
	if (outcome.kind === 'accepted') throw new Error('accepted has no failure');
	return outcome.kind === 'retry' ? outcome.giveUp(3) : outcome.failure;
}

describe('classifyResponse', () => {
	it('takes one key per message, in order, as accepted', () => {
		expect(answer(200, { keys: ['k1', 'k2'] })).toEqual({ kind: 'accepted', keys: ['k1', 'k2'] });
	});

	it('parses a JSON body that arrived as text', () => {
		expect(answer(200, '{"keys":["a","b"]}')).toEqual({ kind: 'accepted', keys: ['a', 'b'] });
	});

	it.each([
		['fewer keys than messages', { keys: ['k1'] }, 'Insider returned 1 keys for 2 messages'],
		['no keys', {}, 'Insider returned 0 keys for 2 messages'],
		['a key that is not a string', { keys: ['k1', 2] }, 'Insider returned 2 keys for 2 messages'],
	])('a 200 with %s is unknown, never a guess', (_case, body, text) => {
		const outcome = answer(200, body);
		expect(outcome.kind).toBe('unknown');
		expect(failureOf(outcome).message).toContain(text);
	});

	it('a 200 that carries an Insider error code is not accepted', () => {
		expect(answer(200, { error: { code: 2020 }, keys: ['a', 'b'] }).kind).toBe('retry');
	});

	it('a 429 is a rate-limited retry, with its Retry-After', () => {
		const outcome = answer(429, { message: 'too many requests' }, { 'retry-after': '2' });
		expect(outcome).toMatchObject({ kind: 'retry', rateLimited: true, retryAfterMs: 2000 });
		expect(failureOf(outcome).message).toMatch(/^Insider's rate limit was still exceeded after/);
		expect(failureOf(outcome).httpCode).toBe('429');
	});

	it.each([
		['503', 503, {}],
		['code 2020 in error.code', 400, { error: { code: 2020 } }],
		['code 2020 as a string', 500, { errorCode: '2020' }],
	])('maintenance (%s) is a retry that Max Retries bounds', (_case, status, body) => {
		const outcome = answer(status, body, { 'retry-after': '1' });
		expect(outcome).toMatchObject({ kind: 'retry', retryAfterMs: 1000 });
		expect(outcome.kind === 'retry' && outcome.rateLimited).toBeFalsy();
		expect(failureOf(outcome).message).toMatch(
			/^Insider is in maintenance mode .*still after 3 retries$/,
		);
	});

	it.each([
		[401, {}, 'fatal', /^Insider rejected the API key \(401 unauthorized\)$/],
		[403, { error: { code: 1088 } }, 'fatal', /blocked this server's IP address/],
		[403, { message: 'nope' }, 'fatal', /^Insider refused the request \(403 forbidden\)$/],
		[400, { error: { code: 2002 } }, 'invalid', /code 2002/],
		[400, { error: { code: 20030 } }, 'rejected', /Country Code Drops/],
		[404, {}, 'rejected', /^Insider rejected the request \(404\)$/],
		[500, {}, 'unknown', /^Delivery unknown: Insider answered 500/],
		[502, 'Bad gateway', 'unknown', /^Delivery unknown: Insider answered 502/],
	])('%i %j is %s', (status, body, kind, message) => {
		const outcome = answer(status, body);
		expect(outcome.kind).toBe(kind);
		expect(failureOf(outcome).message).toMatch(message);
	});

	it('a body with __proto__ keys is read as plain data', () => {
		const body = JSON.parse('{"__proto__":{"code":2020},"keys":["a","b"]}');
		expect(answer(200, body)).toEqual({ kind: 'accepted', keys: ['a', 'b'] });
	});
});

describe('classifyNetworkError', () => {
	const base = 'https://whatsapp.example.com';

	it.each([
		['ECONNREFUSED', { code: 'ECONNREFUSED' }],
		['a host name not found', { code: 'ENOTFOUND' }],
		["n8n's NodeApiError with the code in httpCode", { httpCode: 'EHOSTUNREACH' }],
		['a code in the cause', { message: 'request failed', cause: { code: 'EAI_AGAIN' } }],
	])('%s proves nothing was sent: a retry bounded by Max Retries', (_case, error) => {
		const outcome = classifyNetworkError(error, base);
		expect(outcome.kind).toBe('retry');
		expect(outcome.kind === 'retry' && outcome.rateLimited).toBeFalsy();
		expect(failureOf(outcome).message).toMatch(
			new RegExp(`^Could not reach Insider at ${base} \\(.+\\), still after 3 retries$`),
		);
	});

	it.each([
		['a reset', { code: 'ECONNRESET' }, 'connection reset'],
		['a timeout message', new Error('timeout of 60000ms exceeded'), 'timed out'],
		['a socket hang up', new Error('socket hang up'), 'connection reset'],
		['something unknown', new Error('boom'), 'connection failed'],
	])('%s may have been sent: unknown, never retried', (_case, error, words) => {
		const outcome = classifyNetworkError(error, base);
		expect(outcome.kind).toBe('unknown');
		expect(failureOf(outcome).message).toContain(`(${words})`);
	});

	it('stops following causes after a few levels', () => {
		const error: Record<string, unknown> = { message: 'outer' };
		let current = error;
		for (let depth = 0; depth < 10; depth++) current = current.cause = { message: 'inner' };
		current.code = 'ECONNREFUSED';
		expect(classifyNetworkError(error, base).kind).toBe('unknown');
	});
});
