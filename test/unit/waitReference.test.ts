/**
 * The wait reference (nodes/shared/waitReference.ts) against n8n's own signing code: the URL the
 * trigger rebuilds from a tapped button id must be byte for byte the URL getSignedResumeUrl made,
 * and no change to a reference may produce a URL whose signature n8n accepts.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import {
	ExecuteContext,
	generateUrlSignature,
	prepareUrlForSigning,
	WAITING_TOKEN_QUERY_PARAM,
} from 'n8n-core';

import {
	assertUserButtonId,
	buildSignedWaitReference,
	buildUnsignedWaitReference,
	isResumeAcknowledgement,
	isWaitReference,
	parseWaitReference,
	RESUME_ACKNOWLEDGEMENT,
	resumedByTap,
	resumeRequestUrl,
	resumeUrlParameters,
	userButtonIdOfTap,
	WAIT_REFERENCE_LIMITS,
	WaitReferenceError,
	waitingWebhookBaseUrl,
	type WaitReference,
} from '../../nodes/shared/waitReference';

const INSTANCE_HMAC = 'hmac-of-this-test-instance';
const WAITING_BASE = 'https://n8n.example.com:8443/prefix/webhook-waiting';
const OWN_WEBHOOK_URL = 'https://n8n.example.com:8443/prefix/webhook/0a1b/insider';
const NODE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const EXECUTION_ID = '4711';

/** n8n-core's own getSignedResumeUrl, run with only the state it reads. */
function signedResumeUrl(userButtonId: string, executionId = EXECUTION_ID, nodeId = NODE_ID) {
	const context = {
		additionalData: { webhookWaitingBaseUrl: WAITING_BASE, executionId },
		node: { id: nodeId },
		instanceSettings: { hmacSignatureSecret: INSTANCE_HMAC },
	} as unknown as IExecuteFunctions;
	return ExecuteContext.prototype.getSignedResumeUrl.call(
		context,
		resumeUrlParameters(userButtonId),
	);
}

/** The check n8n's waiting webhook makes, with n8n-core's signing helpers. */
function n8nAcceptsSignature(requestUrl: string): boolean {
	const url = new URL(requestUrl);
	const provided = url.searchParams.get(WAITING_TOKEN_QUERY_PARAM);
	if (provided === null) return false;
	url.searchParams.delete(WAITING_TOKEN_QUERY_PARAM);
	return provided === generateUrlSignature(prepareUrlForSigning(url), INSTANCE_HMAC);
}

function reference(userButtonId: string) {
	return buildSignedWaitReference({
		signedResumeUrl: signedResumeUrl(userButtonId),
		executionId: EXECUTION_ID,
		nodeId: NODE_ID,
		userButtonId,
		field: 'Button 1 ID',
	});
}

function parsed(buttonId: string): WaitReference {
	const result = parseWaitReference(buttonId);
	if (!result.valid) throw new Error(`expected a valid reference: ${result.problem}`);
	return result.reference;
}

/** The URL the trigger would call for a tapped id, or undefined when it would call none. */
function urlTheTriggerCalls(buttonId: string): string | undefined {
	const result = parseWaitReference(buttonId);
	if (!result.valid) return undefined;
	return resumeRequestUrl(
		waitingWebhookBaseUrl(`${WAITING_BASE}/__UNKNOWN__`, OWN_WEBHOOK_URL),
		result.reference,
	);
}

const LONGEST_USER_ID = '語'.repeat(WAIT_REFERENCE_LIMITS.userButtonId);
const USER_IDS = [
	'yes',
	'yes_please',
	'a.b.c',
	'ja, bitte?&#=+ %/../x',
	'a+b c%20d',
	'évet_ü.ñ',
	'x'.repeat(WAIT_REFERENCE_LIMITS.userButtonId),
	LONGEST_USER_ID,
];

describe('building and reading a signed reference', () => {
	it.each(USER_IDS)('rebuilds exactly the URL n8n signed for %j', (userButtonId) => {
		const buttonId = reference(userButtonId);
		const read = parsed(buttonId);

		expect(read).toEqual({
			executionId: EXECUTION_ID,
			nodeId: NODE_ID,
			signature: new URL(signedResumeUrl(userButtonId)).searchParams.get('signature'),
			userButtonId,
		});
		expect(urlTheTriggerCalls(buttonId)).toBe(signedResumeUrl(userButtonId));
		expect(n8nAcceptsSignature(urlTheTriggerCalls(buttonId)!)).toBe(true);
	});

	it('keeps the longest inputs within WhatsApp’s 256 characters', () => {
		const executionId = '9'.repeat(WAIT_REFERENCE_LIMITS.executionIdDigits);
		const buttonId = buildSignedWaitReference({
			signedResumeUrl: signedResumeUrl(LONGEST_USER_ID, executionId),
			executionId,
			nodeId: NODE_ID,
			userButtonId: LONGEST_USER_ID,
			field: 'Button 1 ID',
		});

		expect([...buttonId].length).toBeLessThanOrEqual(WAIT_REFERENCE_LIMITS.buttonId);
		expect(parsed(buttonId).executionId).toBe(executionId);
		expect(parsed(buttonId).userButtonId).toBe(LONGEST_USER_ID);
	});

	it('names the field and the limit when the user’s id is too long for Send and Wait', () => {
		const tooLong = 'x'.repeat(WAIT_REFERENCE_LIMITS.userButtonId + 1);

		expect(() => assertUserButtonId('Button 2 ID', tooLong)).toThrow(WaitReferenceError);
		expect(() => assertUserButtonId('Button 2 ID', tooLong)).toThrow(
			/^Button 2 ID: "x+" 129 characters long; in Send and Wait the limit is 128 characters/,
		);
	});

	it.each([
		['', /must not be empty/],
		[' yes', /must not start or end with a space/],
		['yes\nno', /control characters/],
		['yes 👍', /emoji/],
		['n8nw1s.1.x', /must not start with "n8nw1"/],
	])('refuses the user id %j', (userButtonId, problem) => {
		expect(() =>
			buildSignedWaitReference({
				signedResumeUrl: signedResumeUrl(userButtonId || 'a'),
				executionId: EXECUTION_ID,
				nodeId: NODE_ID,
				userButtonId,
				field: 'Button 1 ID',
			}),
		).toThrow(problem);
	});

	const withSignature = (change: (url: URL) => void) => {
		const url = new URL(signedResumeUrl('yes'));
		change(url);
		return url.toString();
	};
	it.each([
		['another execution', signedResumeUrl('yes', '4712'), /does not end with \/4711\//],
		[
			'another node',
			signedResumeUrl('yes', EXECUTION_ID, NODE_ID.replace('0f8f', '1f8f')),
			/does not end with/,
		],
		['another button', signedResumeUrl('no'), /exactly the button id and the signature/],
		[
			'an extra parameter',
			withSignature((url) => url.searchParams.append('x', '1')),
			/exactly the button id/,
		],
		[
			'no signature',
			withSignature((url) => url.searchParams.delete('signature')),
			/exactly the button id/,
		],
		[
			'a non-hex signature',
			withSignature((url) => url.searchParams.set('signature', 'z'.repeat(64))),
			/no HMAC-SHA256 hex signature/,
		],
		['not a URL', 'webhook-waiting/4711', /is not a URL/],
	])('refuses a resume URL with %s', (_case, url, problem) => {
		expect(() =>
			buildSignedWaitReference({
				signedResumeUrl: url,
				executionId: EXECUTION_ID,
				nodeId: NODE_ID,
				userButtonId: 'yes',
				field: 'Button 1 ID',
			}),
		).toThrow(problem);
	});

	it.each([
		['an execution id that is no number', 'exec-1', NODE_ID, /Execution ID/],
		['an execution id with a leading zero', '0471', NODE_ID, /Execution ID/],
		['a node id that is no UUID', EXECUTION_ID, 'my-node', /Node ID/],
		['an uppercase node id', EXECUTION_ID, NODE_ID.toUpperCase(), /Node ID/],
	])('refuses %s', (_case, executionId, nodeId, problem) => {
		expect(() =>
			buildUnsignedWaitReference({
				executionId,
				nodeId,
				userButtonId: 'yes',
				field: 'Button 1 ID',
			}),
		).toThrow(problem);
	});
});

describe('an unsigned reference (an n8n without getSignedResumeUrl)', () => {
	it('round-trips and resumes with the button id and no signature', () => {
		const buttonId = buildUnsignedWaitReference({
			executionId: EXECUTION_ID,
			nodeId: NODE_ID,
			userButtonId: 'a.b?c',
			field: 'Button 1 ID',
		});

		expect(parsed(buttonId)).toEqual({
			executionId: EXECUTION_ID,
			nodeId: NODE_ID,
			signature: undefined,
			userButtonId: 'a.b?c',
		});
		expect(urlTheTriggerCalls(buttonId)).toBe(
			`${WAITING_BASE}/${EXECUTION_ID}/${NODE_ID}?button=a.b%3Fc`,
		);
	});
});

describe('a tampered reference never yields a URL n8n accepts', () => {
	const original = reference('ja, bitte');

	it('after any single character is changed', () => {
		for (let index = 0; index < original.length; index++) {
			for (const replacement of ['0', 'f', 'g', 'A', '.', '/', '?', '#', '&', '%']) {
				if (original[index] === replacement) continue;
				const tampered = original.slice(0, index) + replacement + original.slice(index + 1);
				const url = urlTheTriggerCalls(tampered);
				if (url !== undefined)
					expect({ tampered, accepted: n8nAcceptsSignature(url) }).toEqual({
						tampered,
						accepted: false,
					});
			}
		}
	});

	it('after it is cut short anywhere', () => {
		for (let length = 0; length < original.length; length++) {
			const url = urlTheTriggerCalls(original.slice(0, length));
			if (url !== undefined) expect(n8nAcceptsSignature(url)).toBe(false);
		}
	});

	it.each([
		['another prefix', original.replace('n8nw1s.', 'n8nw2s.')],
		['an uppercase prefix', original.replace('n8nw1s.', 'N8NW1S.')],
		['text before the prefix', `x${original}`],
		['more than 256 characters', original + 'x'.repeat(WAIT_REFERENCE_LIMITS.buttonId)],
		[
			'an uppercase signature',
			original.replace(/\.([0-9a-f]{64})\./, (_m, s: string) => `.${s.toUpperCase()}.`),
		],
		['a signature of 63 characters', original.replace(/\.([0-9a-f])([0-9a-f]{63})\./, '.$2.')],
		['a signature of 65 characters', original.replace(/\.([0-9a-f]{64})\./, '.$10.')],
		['a node id with dashes', original.replace(/^(n8nw1s\.4711\.)([0-9a-f]{32})/, `$1${NODE_ID}`)],
		['a path in the execution id', original.replace('.4711.', '.../4711.')],
		['a traversal in the execution id', original.replace('.4711.', '.4711/../1.')],
		['a query in the execution id', original.replace('.4711.', '.4711?x=1.')],
		// Dots separate the fields, so a traversal that needs no dots: WHATWG URLs read %2e%2e as '..'.
		[
			'an encoded traversal in the node id',
			original.replace(/^(n8nw1s\.4711\.)([0-9a-f]{9})/, '$1%2e%2e%2f'),
		],
		['an encoded traversal in the execution id', original.replace('.4711.', '.%2e%2e%2f1.')],
		['no user id', original.replace(/ja, bitte$/, '')],
		['a user id with a line break', original.replace(/ja, bitte$/, 'ja\nbitte')],
	])('is refused with %s', (_case, tampered) => {
		expect(parseWaitReference(tampered).valid).toBe(false);
		expect(urlTheTriggerCalls(tampered)).toBeUndefined();
	});

	it('keeps path traversal and query injection in the user id inside the button parameter', () => {
		const hostile = '../../rest/x?signature=0&button=no#frag';
		const url = new URL(urlTheTriggerCalls(reference(hostile))!);

		expect(url.pathname).toBe(`/prefix/webhook-waiting/${EXECUTION_ID}/${NODE_ID}`);
		expect([...url.searchParams.keys()]).toEqual(['button', 'signature']);
		expect(url.searchParams.get('button')).toBe(hostile);
		expect(url.hash).toBe('');
		expect(n8nAcceptsSignature(url.toString())).toBe(true);
	});
});

describe("the trigger's own waiting-webhook base URL", () => {
	it.each([
		[
			'https://n8n.example.com/webhook-waiting/__UNKNOWN__',
			'https://n8n.example.com/webhook/abc/insider',
			'https://n8n.example.com/webhook-waiting',
		],
		[
			'http://127.0.0.1:5678/hooks-waiting/__UNKNOWN__',
			'http://127.0.0.1:5678/hooks/abc/insider',
			'http://127.0.0.1:5678/hooks-waiting',
		],
		[`${WAITING_BASE}/__UNKNOWN__?signature=token`, OWN_WEBHOOK_URL, WAITING_BASE],
	])('takes %s', (resumeUrl, ownWebhookUrl, base) => {
		expect(waitingWebhookBaseUrl(resumeUrl, ownWebhookUrl)).toBe(base);
	});

	it.each([
		['no resume URL', undefined, OWN_WEBHOOK_URL, /did not give this trigger/],
		[
			'another host',
			'https://evil.example.net/webhook-waiting/__UNKNOWN__',
			OWN_WEBHOOK_URL,
			/different hosts/,
		],
		[
			'another port',
			'https://n8n.example.com:9443/prefix/webhook-waiting/__UNKNOWN__',
			OWN_WEBHOOK_URL,
			/different hosts/,
		],
		['an execution id', `${WAITING_BASE}/4711`, OWN_WEBHOOK_URL, /without an execution/],
		[
			'no base path',
			'https://n8n.example.com:8443/__UNKNOWN__',
			OWN_WEBHOOK_URL,
			/without an execution/,
		],
		[
			'another protocol',
			'ftp://n8n.example.com:8443/w/__UNKNOWN__',
			'ftp://n8n.example.com:8443/x',
			/not an http or https URL/,
		],
		[
			'credentials',
			'https://u:p@n8n.example.com:8443/w/__UNKNOWN__',
			OWN_WEBHOOK_URL,
			/credentials or a fragment/,
		],
		['a fragment', `${WAITING_BASE}/__UNKNOWN__#x`, OWN_WEBHOOK_URL, /credentials or a fragment/],
		[
			'another query',
			`${WAITING_BASE}/__UNKNOWN__?x=1`,
			OWN_WEBHOOK_URL,
			/unexpected query parameters/,
		],
		['no URL', 'webhook-waiting/__UNKNOWN__', OWN_WEBHOOK_URL, /is not a URL/],
	])('refuses %s', (_case, resumeUrl, ownWebhookUrl, problem) => {
		expect(() => waitingWebhookBaseUrl(resumeUrl, ownWebhookUrl)).toThrow(problem);
	});
});

describe('the button id a tap reports when it resumes nothing', () => {
	it('is the user’s id from a valid reference, never the reference', () => {
		expect(userButtonIdOfTap(reference('yes_please'), 'Yes, please!')).toBe('yes_please');
	});

	it('is the tapped id itself when it is no reference', () => {
		expect(userButtonIdOfTap('order-42', 'Order')).toBe('order-42');
	});

	it('is derived from the title when the reference is damaged', () => {
		expect(userButtonIdOfTap(reference('custom').slice(0, 40), 'Yes, please!')).toBe('yes_please');
		expect(userButtonIdOfTap('n8nw1s.broken', null)).toBeNull();
		expect(userButtonIdOfTap('n8nw1s.broken', '!!!')).toBeNull();
	});

	it('tells references from other ids by their mark', () => {
		expect(isWaitReference(reference('yes'))).toBe(true);
		expect(isWaitReference('yes')).toBe(false);
	});
});

describe('the resumed output, read in the action node’s webhook', () => {
	const tap = {
		title: 'A+B',
		phoneNumber: '+905321234567',
		key: 'k-1',
		respondedAt: '2026-11-26T10:00:00Z',
	};

	it('takes the button id from the signed query and the rest from the body', () => {
		const requestUrl = new URL(signedResumeUrl('a+b c&d'));

		expect(resumedByTap(requestUrl.pathname + requestUrl.search, tap)).toEqual({
			reply: { id: 'a+b c&d', title: 'A+B' },
			phoneNumber: '+905321234567',
			key: 'k-1',
			respondedAt: '2026-11-26T10:00:00.000Z',
		});
	});

	it.each([
		['no button id', '/webhook-waiting/4711/x?signature=0', tap],
		['a button id the reference could not carry', `/w/1/x?button=${'x'.repeat(129)}`, tap],
		['no body', '/w/1/x?button=yes', undefined],
		['a title that is no text', '/w/1/x?button=yes', { ...tap, title: 7 }],
		['no time', '/w/1/x?button=yes', { ...tap, respondedAt: 'soon' }],
	])('is nothing for a request with %s', (_case, requestUrl, body) => {
		expect(resumedByTap(requestUrl, body)).toBeUndefined();
	});

	it('is acknowledged with a body the trigger recognises', () => {
		expect(isResumeAcknowledgement(JSON.parse(JSON.stringify(RESUME_ACKNOWLEDGEMENT)))).toBe(true);
		expect(isResumeAcknowledgement({ message: 'Workflow was started' })).toBe(false);
		expect(isResumeAcknowledgement('<html>No action required</html>')).toBe(false);
	});
});
