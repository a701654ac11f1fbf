/**
 * Secrets in URLs are never shown, and the checks of item data cost time in proportion to the
 * data (issue 19, items 7, 9 and 11): the callback URL's token, a proxy password in a Base URL,
 * a link of thousands of dots, a damaged button title of megabytes.
 */
import { InsiderWhatsAppApi } from '../../credentials/InsiderWhatsAppApi.credentials';
import { requireHttpsUrl, requireHttpUrl } from '../../nodes/InsiderWhatsApp/helpers/fieldChecks';
import { redactUrl } from '../../nodes/InsiderWhatsApp/helpers/redactUrl';
import { unreachable } from '../../nodes/InsiderWhatsApp/transport/insiderErrors';
import { userButtonIdOfTap } from '../../nodes/shared/waitResume';
import { NodeHelpers } from 'n8n-workflow';
import { cpuMillis } from '../support/cpuTime';

describe('secrets in URLs are replaced by ***', () => {
	test.each([
		[
			'https://n8n.example.com/webhook/abc/webhook?token=s3cr3t-t0ken-value',
			'https://n8n.example.com/webhook/abc/webhook?token=***',
		],
		['https://h.example.com/w?a=1&token=x&b=2#f', 'https://h.example.com/w?a=1&token=***&b=2#f'],
		['https://user:p4ss@proxy.example.com:8443/', 'https://user:***@proxy.example.com:8443/'],
		['https://h.example.com/w?tokens=1', 'https://h.example.com/w?tokens=1'],
		['no url at all ?token=abc', 'no url at all ?token=***'],
	])('%s', (url, shown) => {
		expect(redactUrl(url)).toBe(shown);
	});

	test('a Status Callback URL Insider would refuse is quoted without its token', () => {
		expect(() =>
			requireHttpUrl('Status Callback URL', 'ftp://n8n.example.com/x?token=s3cr3t'),
		).toThrow(
			'Status Callback URL: "ftp://n8n.example.com/x?token=***" is not an http or https URL',
		);
	});

	test('a proxy\'s password never appears in "could not reach Insider"', () => {
		const failure = unreachable('ECONNREFUSED', 'https://me:hunter2@proxy.example.com', 3);
		expect(failure.message).toBe(
			'Could not reach Insider at https://me:***@proxy.example.com (connection refused), still after 3 retries',
		);
		expect(JSON.stringify(failure)).not.toContain('hunter2');
	});
});

/**
 * How many times longer `check` takes than copying its input once, the smallest of several
 * tries: a linear check stays within a small ratio, a quadratic one grows with the input.
 */
function ratioToCopy(input: string, check: () => unknown): number {
	let best = Infinity;
	for (let round = 0; round < 5; round++) {
		const copy = cpuMillis(() => Buffer.from(input, 'utf8'));
		const checked = cpuMillis(() => {
			try {
				check();
			} catch {
				/* a refusal is an answer too */
			}
		});
		best = Math.min(best, checked / Math.max(copy, 0.05));
	}
	return best;
}

describe('checks cost time in proportion to the data', () => {
	const RATIO = 50;

	test('an https link of 30,000 dots is refused, without quadratic matching', () => {
		const link = `https://${'.'.repeat(30_000)} x`;
		expect(() => requireHttpsUrl('Media Link', link, 'why')).toThrow(/the limit is 4096/);
		expect(ratioToCopy(link, () => requireHttpsUrl('Media Link', link, 'why'))).toBeLessThan(RATIO);
	});

	test('an https link of 4,000 dots, under the length limit, is refused as quickly', () => {
		const link = `https://${'.'.repeat(4000)} x`;
		expect(() => requireHttpsUrl('Media Link', link, 'why')).toThrow(/is not an https URL/);
		expect(ratioToCopy(link, () => requireHttpsUrl('Media Link', link, 'why'))).toBeLessThan(RATIO);
	});

	test('a damaged button title of 10 MB costs no more than reading 20 characters of it', () => {
		const title = `Yes${'é'.repeat(5_000_000)}`;
		expect(userButtonIdOfTap('n8nw1.broken', title)).toBe('yeseeeeeeeeeeeeeeeee');
		expect(ratioToCopy(title, () => userButtonIdOfTap('n8nw1.broken', title))).toBeLessThan(1);
	});
});

describe('the credential warns where the key would travel in clear text', () => {
	const credential = new InsiderWhatsAppApi();
	const notice = credential.properties.find((property) => property.name === 'plainHttpNotice')!;
	const shown = (baseUrl: string) =>
		NodeHelpers.displayParameter({ baseUrl }, notice, null as never, { baseUrl } as never);

	test.each([
		['http://proxy.internal:8080', true],
		['http://10.0.0.5', true],
		['https://whatsapp.useinsider.com', false],
		['http://127.0.0.1:8787', false],
		['http://localhost:8787', false],
		['http://[::1]:8787', false],
	])('%s: notice shown %s', (baseUrl, expected) => {
		expect(shown(baseUrl)).toBe(expected);
	});
});
