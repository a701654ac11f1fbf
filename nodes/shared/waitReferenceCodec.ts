/**
 * The wait reference: what a Send and Wait reply button carries in its id so that the trigger,
 * when the contact taps it, can resume exactly the wait that sent it.
 *
 * The action node asks n8n for a signed resume URL per button (getSignedResumeUrl with the
 * button's own id, the recipient's number and the node's run index as parameters), keeps only
 * what identifies the wait and its signature, and appends the user's button id:
 *
 *   n8nw1.<executionId>.<run>.<nodeId, 16 bytes base64url>.<signature, 32 bytes base64url>.<user's id>
 *
 * The recipient's number is not in the reference: the trigger puts the tapping contact's number
 * in its place, so n8n's signature check fails for anyone else's tap. The run index tells the
 * waits of one node in one execution apart (a loop asking approvers one by one). The trigger
 * never takes a host, path or query from the tap: it parses the reference strictly and puts the
 * pieces back on its own n8n's waiting-webhook base URL (waitResume.ts).
 */
import {
	REPLY_BUTTON_LIMITS,
	RESERVED_BUTTON_ID_PREFIX,
	replyButtonIdProblem,
} from './replyButtons';
import { codePointLength } from './text';

export const WAIT_REFERENCE_LIMITS = {
	/** Meta's limit for a reply button id. */
	buttonId: REPLY_BUTTON_LIMITS.id,
	/** What is left of it for the user's own id inside a reference (228 at the longest). */
	userButtonId: 128,
	/** Execution ids are n8n's database sequence; 19 digits cover a signed 64-bit integer. */
	executionIdDigits: 19,
	/** Runs of one node in one execution (a loop around Send and Wait). */
	runDigits: 6,
} as const;

/** Every reference starts with this; a user's own id must not. */
export const WAIT_REFERENCE_MARK = RESERVED_BUTTON_ID_PREFIX;
const PREFIX = `${WAIT_REFERENCE_MARK}.`;

/** The query parameters n8n signs, in the order the node passes them to getSignedResumeUrl. */
export const RESUME_PARAMETERS = {
	button: 'button',
	phoneNumber: 'phone',
	run: 'run',
} as const;
/** n8n's name for the signature parameter (WAITING_TOKEN_QUERY_PARAM in n8n-core). */
export const RESUME_SIGNATURE_PARAMETER = 'signature';
/** What `$execution.resumeUrl` ends with where there is no execution yet (a trigger's webhook). */
export const UNKNOWN_EXECUTION_ID = '__UNKNOWN__';

const EXECUTION_ID = /^[1-9][0-9]*$/;
const RUN = /^(0|[1-9][0-9]*)$/;
const NODE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX_SIGNATURE = /^[0-9a-f]{64}$/;

export interface WaitReference {
	executionId: string;
	/** The waiting node's run index in its execution, as decimal text. */
	run: string;
	/** The node's id as n8n stores it: a lowercase UUID with dashes. */
	nodeId: string;
	/** HMAC-SHA256 hex from getSignedResumeUrl. */
	signature: string;
	/** The id the user gave the button (or the one derived from its title). */
	userButtonId: string;
}

/** A value that cannot go into a reference; `field` is the name the user sees in the node. */
export class WaitReferenceError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field}: ${problem}`);
		this.name = 'WaitReferenceError';
	}
}

/** Why a user's button id cannot travel inside a reference, or undefined when it can. */
export function userButtonIdProblem(id: string): string | undefined {
	const limit = WAIT_REFERENCE_LIMITS.userButtonId;
	return replyButtonIdProblem(
		id,
		limit,
		`in Send and Wait the limit is ${limit} characters, because the rest of WhatsApp's ${WAIT_REFERENCE_LIMITS.buttonId} carries the reference to the waiting execution`,
	);
}

/** Checks a user's button id against what a reference can carry; throws naming the field. */
export function assertUserButtonId(field: string, id: string): void {
	const problem = userButtonIdProblem(id);
	if (problem !== undefined) throw new WaitReferenceError(field, `"${id}" ${problem}`);
}

/** What n8n signs for one button of one wait: the parameters of getSignedResumeUrl, in order. */
export function resumeUrlParameters(
	userButtonId: string,
	phoneNumber: string,
	run: string,
): Record<string, string> {
	return {
		[RESUME_PARAMETERS.button]: userButtonId,
		[RESUME_PARAMETERS.phoneNumber]: phoneNumber,
		[RESUME_PARAMETERS.run]: run,
	};
}

const isExecutionId = (value: string) =>
	EXECUTION_ID.test(value) && value.length <= WAIT_REFERENCE_LIMITS.executionIdDigits;
const isRun = (value: string) => RUN.test(value) && value.length <= WAIT_REFERENCE_LIMITS.runDigits;

/** Hex as base64url, and back only when the text is exactly what encoding would give. */
const toBase64Url = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');
function fromBase64Url(text: string, bytes: number): string | undefined {
	if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
	const decoded = Buffer.from(text, 'base64url');
	if (decoded.length !== bytes || decoded.toString('base64url') !== text) return undefined;
	return decoded.toString('hex');
}
const uuidOfHex = (hex: string) =>
	[hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join(
		'-',
	);

function encode(reference: WaitReference): string {
	const nodeId = toBase64Url(reference.nodeId.replace(/-/g, ''));
	const signature = toBase64Url(reference.signature);
	const text = `${PREFIX}${reference.executionId}.${reference.run}.${nodeId}.${signature}.${reference.userButtonId}`;
	// Unreachable with the checks above; kept so a change to them cannot send an id Meta refuses.
	if (codePointLength(text) > WAIT_REFERENCE_LIMITS.buttonId) {
		throw new WaitReferenceError('Button ID', 'the reference is longer than 256 characters');
	}
	return text;
}

export interface SignedReferenceInput {
	/** What this.getSignedResumeUrl(resumeUrlParameters(…)) returned. */
	signedResumeUrl: string;
	/** this.getExecutionId() */
	executionId: string;
	/** this.getNode().id */
	nodeId: string;
	/** The node's run index in this execution. */
	run: string;
	/** The recipient, E.164, exactly as signed. */
	phoneNumber: string;
	userButtonId: string;
	/** The button's id field as the user sees it, for error messages ("Button 2 ID"). */
	field: string;
}

/**
 * Builds the reference for one button from n8n's signed resume URL. The URL must be exactly
 * what getSignedResumeUrl makes for this execution, node, button, recipient and run; anything
 * else (another execution, extra parameters, a malformed signature) is refused here rather than
 * sent as a button that could never resume anything.
 */
export function buildSignedWaitReference(input: SignedReferenceInput): string {
	assertUserButtonId(input.field, input.userButtonId);
	if (!isExecutionId(input.executionId)) {
		throw new WaitReferenceError(
			'Execution ID',
			`"${input.executionId}" is not an n8n execution id (1 to ${WAIT_REFERENCE_LIMITS.executionIdDigits} digits); Send and Wait needs a saved execution`,
		);
	}
	if (!isRun(input.run)) {
		throw new WaitReferenceError(
			'Run',
			`this node ran ${input.run} times in this execution; Send and Wait supports up to ${WAIT_REFERENCE_LIMITS.runDigits} digits of runs`,
		);
	}
	if (!NODE_ID.test(input.nodeId)) {
		throw new WaitReferenceError(
			'Node ID',
			`"${input.nodeId}" is not a lowercase UUID, as n8n gives every node; duplicate the node so it gets one`,
		);
	}
	const unexpected = (problem: string) =>
		new WaitReferenceError('Resume URL', `n8n's signed resume URL ${problem}`);
	let url: URL;
	try {
		url = new URL(input.signedResumeUrl);
	} catch {
		throw unexpected('is not a URL');
	}
	const suffix = `/${input.executionId}/${input.nodeId}`;
	if (!url.pathname.endsWith(suffix)) throw unexpected(`does not end with ${suffix}`);
	const expected = [
		...Object.entries(resumeUrlParameters(input.userButtonId, input.phoneNumber, input.run)),
	];
	const given = [...url.searchParams.entries()];
	const signature = url.searchParams.get(RESUME_SIGNATURE_PARAMETER);
	if (
		given.length !== expected.length + 1 ||
		expected.some(
			([name, value], index) => given[index][0] !== name || given[index][1] !== value,
		) ||
		given[expected.length][0] !== RESUME_SIGNATURE_PARAMETER
	) {
		throw unexpected('does not carry exactly the button id, the number, the run and the signature');
	}
	if (signature === null || !HEX_SIGNATURE.test(signature)) {
		throw unexpected('has no HMAC-SHA256 hex signature');
	}
	return encode({
		executionId: input.executionId,
		run: input.run,
		nodeId: input.nodeId,
		signature,
		userButtonId: input.userButtonId,
	});
}

/** Whether a tapped button id claims to be a reference (it may still be invalid). */
export function isWaitReference(buttonId: string): boolean {
	return buttonId.startsWith(WAIT_REFERENCE_MARK);
}

export type ParsedWaitReference =
	| { valid: true; reference: WaitReference }
	| { valid: false; problem: string };

const invalid = (problem: string): ParsedWaitReference => ({ valid: false, problem });

/**
 * Reads a tapped button id. Strict: every field must have exactly the characters and length
 * that the builder produces, so nothing from the tap can reach the URL the trigger calls except
 * a decimal execution id and run, a node id and signature re-encoded from bytes, and the user's
 * id (which only ever travels as an encoded query value).
 */
export function parseWaitReference(buttonId: string): ParsedWaitReference {
	// The length in UTF-16 units bounds the work before anything else is looked at.
	if (buttonId.length > WAIT_REFERENCE_LIMITS.buttonId * 2) return invalid('is far too long');
	if (codePointLength(buttonId) > WAIT_REFERENCE_LIMITS.buttonId) {
		return invalid(`longer than ${WAIT_REFERENCE_LIMITS.buttonId} characters`);
	}
	if (!buttonId.startsWith(PREFIX)) return invalid(`does not start with ${PREFIX}`);
	const fields = buttonId.slice(PREFIX.length).split('.');
	const fixedCount = 4;
	if (fields.length <= fixedCount) return invalid('has too few fields');
	const [executionId, run, encodedNodeId, encodedSignature] = fields;
	// The user's id is everything after the fixed fields, dots included.
	const userButtonId = fields.slice(fixedCount).join('.');
	if (!isExecutionId(executionId)) return invalid('has no valid execution id');
	if (!isRun(run)) return invalid('has no valid run');
	const nodeHex = fromBase64Url(encodedNodeId, 16);
	if (nodeHex === undefined) return invalid('has no valid node id');
	const signature = fromBase64Url(encodedSignature, 32);
	if (signature === undefined) return invalid('has no valid signature');
	const problem = userButtonIdProblem(userButtonId);
	if (problem !== undefined) return invalid(`has a button id that ${problem}`);
	return {
		valid: true,
		reference: { executionId, run, nodeId: uuidOfHex(nodeHex), signature, userButtonId },
	};
}
