/**
 * The wait reference against n8n's own signing code: the URL the trigger rebuilds from a tapped
 * button id and the tapping contact's number must be byte for byte the URL getSignedResumeUrl
 * made, and no change to a reference, nor a tap from another number or for another run, may
 * produce a URL whose signature n8n accepts.
 */
import {
	assertUserButtonId,
	buildSignedWaitReference,
	isWaitReference,
	parseWaitReference,
	WAIT_REFERENCE_LIMITS,
	WaitReferenceError,
} from '../../../nodes/shared/waitReference';
import {
	EXECUTION_ID,
	n8nAcceptsSignature,
	NODE_ID,
	parsed,
	PHONE,
	reference,
	RUN,
	signedResumeUrl,
	urlTheTriggerCalls,
} from './signing';

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
		const signature = new URL(signedResumeUrl(userButtonId)).searchParams.get('signature');

		expect(parsed(buttonId)).toEqual({
			executionId: EXECUTION_ID,
			run: RUN,
			nodeId: NODE_ID,
			signature,
			userButtonId,
		});
		expect(urlTheTriggerCalls(buttonId)).toBe(signedResumeUrl(userButtonId));
		expect(n8nAcceptsSignature(urlTheTriggerCalls(buttonId)!)).toBe(true);
	});

	it('keeps the longest inputs within WhatsApp’s 256 characters', () => {
		const wait = {
			executionId: '9'.repeat(WAIT_REFERENCE_LIMITS.executionIdDigits),
			run: '9'.repeat(WAIT_REFERENCE_LIMITS.runDigits),
		};
		const buttonId = reference(LONGEST_USER_ID, wait);

		expect([...buttonId].length).toBeLessThanOrEqual(WAIT_REFERENCE_LIMITS.buttonId);
		expect(parsed(buttonId)).toMatchObject({ ...wait, userButtonId: LONGEST_USER_ID });
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
		['n8nw1.1.x', /must not start with "n8nw1"/],
	])('refuses the user id %j', (userButtonId, problem) => {
		expect(() =>
			buildSignedWaitReference({
				signedResumeUrl: signedResumeUrl(userButtonId || 'a'),
				executionId: EXECUTION_ID,
				nodeId: NODE_ID,
				run: RUN,
				phoneNumber: PHONE,
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
		['another execution', signedResumeUrl('yes', { executionId: '4712' }), /does not end with/],
		[
			'another node',
			signedResumeUrl('yes', { nodeId: NODE_ID.replace('0f8f', '1f8f') }),
			/does not end with/,
		],
		['another button', signedResumeUrl('no'), /exactly the button id, the number/],
		['another number', signedResumeUrl('yes', { phoneNumber: '+15550001111' }), /exactly/],
		['another run', signedResumeUrl('yes', { run: '1' }), /exactly/],
		['an extra parameter', withSignature((url) => url.searchParams.append('x', '1')), /exactly/],
		['no signature', withSignature((url) => url.searchParams.delete('signature')), /exactly/],
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
				run: RUN,
				phoneNumber: PHONE,
				userButtonId: 'yes',
				field: 'Button 1 ID',
			}),
		).toThrow(problem);
	});

	it.each([
		['an execution id that is no number', { executionId: 'exec-1' }, /Execution ID/],
		['an execution id with a leading zero', { executionId: '0471' }, /Execution ID/],
		['a run with a leading zero', { run: '01' }, /Run/],
		['a run of more than 6 digits', { run: '1234567' }, /Run/],
		['a node id that is no UUID', { nodeId: 'my-node' }, /Node ID/],
		['an uppercase node id', { nodeId: NODE_ID.toUpperCase() }, /Node ID/],
	])('refuses %s', (_case, wait, problem) => {
		expect(() => reference('yes', wait)).toThrow(problem);
	});

	it('tells references from other ids by their mark', () => {
		expect(isWaitReference(reference('yes'))).toBe(true);
		expect(isWaitReference('yes')).toBe(false);
	});
});

describe('whose tap, and for which wait', () => {
	it('a tap from another number gives a URL n8n refuses', () => {
		const url = urlTheTriggerCalls(reference('yes'), '+15550001111');
		expect(url).toBeDefined();
		expect(n8nAcceptsSignature(url!)).toBe(false);
	});

	it('the button of an earlier run signs that run, never the current one', () => {
		const earlier = parsed(reference('yes', { run: '0' }));
		const current = parsed(reference('yes', { run: '1' }));
		expect(earlier.run).toBe('0');
		expect(earlier.signature).not.toBe(current.signature);
	});
});

describe('a tampered reference never yields a URL n8n accepts', () => {
	const original = reference('ja, bitte');

	it('after any single character is changed', () => {
		for (let index = 0; index < original.length; index++) {
			for (const replacement of ['0', '1', 'f', 'g', 'A', '_', '-', '.', '/', '?', '#', '&', '%']) {
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

	const [, , , nodePart, signaturePart] = original.split('.');
	it.each([
		['another prefix', original.replace('n8nw1.', 'n8nw2.')],
		['the retired signed prefix', original.replace('n8nw1.', 'n8nw1s.')],
		['the retired unsigned prefix', original.replace('n8nw1.', 'n8nw1u.')],
		['an uppercase prefix', original.replace('n8nw1.', 'N8NW1.')],
		['text before the prefix', `x${original}`],
		['more than 256 characters', original + 'x'.repeat(WAIT_REFERENCE_LIMITS.buttonId)],
		['a hex signature', original.replace(signaturePart, 'a'.repeat(64))],
		['a signature of 42 characters', original.replace(signaturePart, signaturePart.slice(1))],
		['a signature with padding', original.replace(signaturePart, `${signaturePart}=`)],
		['a node id with dashes', original.replace(nodePart, NODE_ID)],
		['a node id as hex', original.replace(nodePart, NODE_ID.replace(/-/g, ''))],
		['a path in the execution id', original.replace('.4711.', '.../4711.')],
		['a traversal in the execution id', original.replace('.4711.', '.4711/../1.')],
		['a query in the execution id', original.replace('.4711.', '.4711?x=1.')],
		['a negative run', original.replace('.4711.0.', '.4711.-1.')],
		// Dots separate the fields, so a traversal that needs no dots: WHATWG URLs read %2e%2e as '..'.
		[
			'an encoded traversal in the node id',
			original.replace(nodePart, '%2e%2e%2f'.padEnd(22, 'A')),
		],
		['an encoded traversal in the execution id', original.replace('.4711.', '.%2e%2e%2f1.')],
		['no user id', original.replace(/ja, bitte$/, '')],
		['a user id with a line break', original.replace(/ja, bitte$/, 'ja\nbitte')],
	])('is refused with %s', (_case, tampered) => {
		expect(parseWaitReference(tampered).valid).toBe(false);
		expect(urlTheTriggerCalls(tampered)).toBeUndefined();
	});

	it('keeps path traversal and query injection in the user id inside the button parameter', () => {
		const hostile = '../../rest/x?signature=0&button=no&phone=+1#frag';
		const url = new URL(urlTheTriggerCalls(reference(hostile))!);

		expect(url.pathname).toBe(`/prefix/webhook-waiting/${EXECUTION_ID}/${NODE_ID}`);
		expect([...url.searchParams.keys()]).toEqual(['button', 'phone', 'run', 'signature']);
		expect(url.searchParams.get('button')).toBe(hostile);
		expect(url.hash).toBe('');
		expect(n8nAcceptsSignature(url.toString())).toBe(true);
	});
});
