/**
 * The wait reference: what a Send and Wait reply button carries in its id so that the trigger,
 * when the contact taps it, can resume the execution that sent it.
 *
 * The action node asks n8n for a signed resume URL per button (getSignedResumeUrl with the
 * button's own id as a parameter), keeps only what identifies the wait and its signature, and
 * appends the user's button id:
 *
 *   signed:   n8nw1s.<executionId>.<nodeId as 32 hex>.<signature, 64 hex>.<user's button id>
 *   unsigned: n8nw1u.<executionId>.<nodeId as 32 hex>.<user's button id>
 *
 * The trigger never takes a host, path or query from the tap: it parses the reference strictly,
 * puts the pieces back on its own n8n's waiting-webhook base URL and lets n8n check the signature.
 * The resume side (the URL the trigger calls, the resumed node's output) is in waitResume.ts.
 * See /work/notes/send-and-wait.md for the n8n code this relies on.
 */
import { codePointLength, containsEmoji } from '../InsiderWhatsApp/helpers/text';

export const WAIT_REFERENCE_LIMITS = {
	/** Meta's limit for a reply button id. */
	buttonId: 256,
	/** What is left of it for the user's own id inside a reference (253 at the longest). */
	userButtonId: 128,
	/** Execution ids are n8n's database sequence; 19 digits cover a signed 64-bit integer. */
	executionIdDigits: 19,
} as const;

const SIGNED_PREFIX = 'n8nw1s.';
const UNSIGNED_PREFIX = 'n8nw1u.';
/** Every reference, signed or not, starts with this; a user's own id must not. */
export const WAIT_REFERENCE_MARK = 'n8nw1';

/** The query parameter that carries the tapped button's id; it is part of what n8n signs. */
export const RESUME_BUTTON_PARAMETER = 'button';
/** n8n's name for the signature parameter (WAITING_TOKEN_QUERY_PARAM in n8n-core). */
export const RESUME_SIGNATURE_PARAMETER = 'signature';
/** What `$execution.resumeUrl` ends with where there is no execution yet (a trigger's webhook). */
export const UNKNOWN_EXECUTION_ID = '__UNKNOWN__';

const EXECUTION_ID = /^[1-9][0-9]*$/;
const NODE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const COMPACT_NODE_ID = /^[0-9a-f]{32}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
// C0 and C1 controls, including line breaks: never part of a button id we send.
const CONTROL = /\p{Cc}/u;

export interface WaitReference {
	executionId: string;
	/** The node's id as n8n stores it: a lowercase UUID with dashes. */
	nodeId: string;
	/** HMAC-SHA256 hex from getSignedResumeUrl, or undefined for an unsigned reference. */
	signature?: string;
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
	if (id === '') return 'must not be empty';
	const length = codePointLength(id);
	if (length > WAIT_REFERENCE_LIMITS.userButtonId) {
		return `${length} characters long; in Send and Wait the limit is ${WAIT_REFERENCE_LIMITS.userButtonId} characters, because the rest of WhatsApp's ${WAIT_REFERENCE_LIMITS.buttonId} carries the reference to the waiting execution`;
	}
	if (id.trim() !== id) return 'must not start or end with a space';
	if (CONTROL.test(id)) return 'must not contain line breaks or other control characters';
	if (containsEmoji(id)) return 'must not contain emoji';
	if (id.startsWith(WAIT_REFERENCE_MARK)) {
		return `must not start with "${WAIT_REFERENCE_MARK}", which marks the ids Send and Wait makes`;
	}
	return undefined;
}

/** Checks a user's button id against what a reference can carry; throws naming the field. */
export function assertUserButtonId(field: string, id: string): void {
	const problem = userButtonIdProblem(id);
	if (problem !== undefined) throw new WaitReferenceError(field, `"${id}" ${problem}`);
}

/** The parameters to pass to getSignedResumeUrl for one button, so that n8n signs its id too. */
export function resumeUrlParameters(userButtonId: string): Record<string, string> {
	return { [RESUME_BUTTON_PARAMETER]: userButtonId };
}

function checkExecutionId(executionId: string): void {
	if (
		!EXECUTION_ID.test(executionId) ||
		executionId.length > WAIT_REFERENCE_LIMITS.executionIdDigits
	) {
		throw new WaitReferenceError(
			'Execution ID',
			`"${executionId}" is not an n8n execution id (1 to ${WAIT_REFERENCE_LIMITS.executionIdDigits} digits); Send and Wait needs a saved execution`,
		);
	}
}

function checkNodeId(nodeId: string): void {
	if (!NODE_ID.test(nodeId)) {
		throw new WaitReferenceError(
			'Node ID',
			`"${nodeId}" is not a lowercase UUID, as n8n gives every node; duplicate the node so it gets one`,
		);
	}
}

function encode(reference: WaitReference): string {
	const compactNodeId = reference.nodeId.replace(/-/g, '');
	const text =
		reference.signature === undefined
			? `${UNSIGNED_PREFIX}${reference.executionId}.${compactNodeId}.${reference.userButtonId}`
			: `${SIGNED_PREFIX}${reference.executionId}.${compactNodeId}.${reference.signature}.${reference.userButtonId}`;
	// Unreachable with the checks above; kept so a change to them cannot send an id Meta refuses.
	if (codePointLength(text) > WAIT_REFERENCE_LIMITS.buttonId) {
		throw new WaitReferenceError('Button ID', 'the reference is longer than 256 characters');
	}
	return text;
}

export interface SignedReferenceInput {
	/** What this.getSignedResumeUrl(resumeUrlParameters(userButtonId)) returned. */
	signedResumeUrl: string;
	/** this.getExecutionId() */
	executionId: string;
	/** this.getNode().id */
	nodeId: string;
	userButtonId: string;
	/** The button's id field as the user sees it, for error messages ("Button 2 ID"). */
	field: string;
}

/**
 * Builds the reference for one button from n8n's signed resume URL. The URL must be exactly
 * what getSignedResumeUrl makes for this execution, node and button id; anything else
 * (another execution, extra parameters, a malformed signature) is refused here rather than
 * sent as a button that could never resume anything.
 */
export function buildSignedWaitReference(input: SignedReferenceInput): string {
	assertUserButtonId(input.field, input.userButtonId);
	checkExecutionId(input.executionId);
	checkNodeId(input.nodeId);
	const unexpected = (problem: string) =>
		new WaitReferenceError('Resume URL', `n8n's signed resume URL ${problem}`);
	let url: URL;
	try {
		url = new URL(input.signedResumeUrl);
	} catch {
		throw unexpected('is not a URL');
	}
	const suffix = `/${input.executionId}/${input.nodeId}`;
	if (!url.pathname.endsWith(suffix)) {
		throw unexpected(`does not end with ${suffix}`);
	}
	const names = [...url.searchParams.keys()];
	const signature = url.searchParams.get(RESUME_SIGNATURE_PARAMETER);
	if (
		names.length !== 2 ||
		names[0] !== RESUME_BUTTON_PARAMETER ||
		names[1] !== RESUME_SIGNATURE_PARAMETER ||
		url.searchParams.get(RESUME_BUTTON_PARAMETER) !== input.userButtonId
	) {
		throw unexpected(`does not carry exactly the button id and the signature`);
	}
	if (signature === null || !SIGNATURE.test(signature)) {
		throw unexpected('has no HMAC-SHA256 hex signature');
	}
	return encode({
		executionId: input.executionId,
		nodeId: input.nodeId,
		signature,
		userButtonId: input.userButtonId,
	});
}

export interface UnsignedReferenceInput {
	executionId: string;
	nodeId: string;
	userButtonId: string;
	field: string;
}

/** For an n8n without getSignedResumeUrl, which checks no signature on its waiting webhooks. */
export function buildUnsignedWaitReference(input: UnsignedReferenceInput): string {
	assertUserButtonId(input.field, input.userButtonId);
	checkExecutionId(input.executionId);
	checkNodeId(input.nodeId);
	return encode({
		executionId: input.executionId,
		nodeId: input.nodeId,
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
 * that the builders produce, so nothing from the tap can reach the URL the trigger calls
 * except a decimal execution id, a hex node id, a hex signature and the user's id (which only
 * ever travels as an encoded query value).
 */
export function parseWaitReference(buttonId: string): ParsedWaitReference {
	if (codePointLength(buttonId) > WAIT_REFERENCE_LIMITS.buttonId) {
		return invalid(`longer than ${WAIT_REFERENCE_LIMITS.buttonId} characters`);
	}
	const signed = buttonId.startsWith(SIGNED_PREFIX);
	if (!signed && !buttonId.startsWith(UNSIGNED_PREFIX)) {
		return invalid(`does not start with ${SIGNED_PREFIX} or ${UNSIGNED_PREFIX}`);
	}
	const fields = buttonId.slice(SIGNED_PREFIX.length).split('.');
	const fixedCount = signed ? 3 : 2;
	if (fields.length <= fixedCount) return invalid('has too few fields');
	const [executionId, compactNodeId] = fields;
	const signature = signed ? fields[2] : undefined;
	// The user's id is everything after the fixed fields, dots included.
	const userButtonId = fields.slice(fixedCount).join('.');
	if (
		!EXECUTION_ID.test(executionId) ||
		executionId.length > WAIT_REFERENCE_LIMITS.executionIdDigits
	) {
		return invalid('has no valid execution id');
	}
	if (!COMPACT_NODE_ID.test(compactNodeId)) return invalid('has no valid node id');
	if (signature !== undefined && !SIGNATURE.test(signature)) {
		return invalid('has no valid signature');
	}
	const problem = userButtonIdProblem(userButtonId);
	if (problem !== undefined) return invalid(`has a button id that ${problem}`);
	const nodeId = [
		compactNodeId.slice(0, 8),
		compactNodeId.slice(8, 12),
		compactNodeId.slice(12, 16),
		compactNodeId.slice(16, 20),
		compactNodeId.slice(20),
	].join('-');
	return { valid: true, reference: { executionId, nodeId, signature, userButtonId } };
}
