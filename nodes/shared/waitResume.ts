/**
 * The trigger's and the resumed node's side of a wait reference: where the trigger sends a tap
 * (its own n8n's waiting webhook, never an address from the tap), what it posts, and what the
 * resumed action node reads back. The reference format itself is in waitReferenceCodec.ts.
 */
import { slugify } from '../InsiderWhatsApp/helpers/text';
import type { WaitReference } from './waitReferenceCodec';
import {
	isWaitReference,
	parseWaitReference,
	RESUME_BUTTON_PARAMETER,
	RESUME_SIGNATURE_PARAMETER,
	UNKNOWN_EXECUTION_ID,
	userButtonIdProblem,
	WaitReferenceError,
} from './waitReferenceCodec';

/**
 * The base of this n8n's waiting webhooks (`<WEBHOOK_URL><N8N_ENDPOINT_WEBHOOK_WAIT>`), from
 * what the trigger's own webhook context gives: `{{ $execution.resumeUrl }}` evaluated there
 * (`<base>/__UNKNOWN__`, since a webhook has no execution yet) and the trigger's own production
 * webhook URL. n8n builds both from the same WEBHOOK_URL, so they must share an origin; if they
 * do not, something is not as read from n8n's code and no request is made. Nothing from the
 * tap is involved.
 */
export function waitingWebhookBaseUrl(resumeUrl: unknown, ownWebhookUrl: unknown): string {
	const refuse = (problem: string) => new WaitReferenceError('Resume URL', problem);
	if (typeof resumeUrl !== 'string' || typeof ownWebhookUrl !== 'string') {
		throw refuse('n8n did not give this trigger its resume URL and webhook URL');
	}
	let resume: URL;
	let own: URL;
	try {
		resume = new URL(resumeUrl);
		own = new URL(ownWebhookUrl);
	} catch {
		throw refuse(`"${resumeUrl}" or "${ownWebhookUrl}" is not a URL`);
	}
	if (resume.protocol !== 'https:' && resume.protocol !== 'http:') {
		throw refuse(`"${resumeUrl}" is not an http or https URL`);
	}
	if (resume.username !== '' || resume.password !== '' || resume.hash !== '') {
		throw refuse(`"${resumeUrl}" carries credentials or a fragment`);
	}
	const parameters = [...resume.searchParams.keys()];
	if (parameters.some((name) => name !== RESUME_SIGNATURE_PARAMETER)) {
		throw refuse(`"${resumeUrl}" has unexpected query parameters`);
	}
	const ending = `/${UNKNOWN_EXECUTION_ID}`;
	if (!resume.pathname.endsWith(ending) || resume.pathname.length === ending.length) {
		throw refuse(`"${resumeUrl}" is not a waiting-webhook URL without an execution`);
	}
	if (resume.origin !== own.origin) {
		throw refuse(`"${resumeUrl}" and this trigger's webhook URL are on different hosts`);
	}
	return `${resume.origin}${resume.pathname.slice(0, -ending.length)}`;
}

/**
 * The URL that resumes the referenced execution: the same path and query that
 * getSignedResumeUrl signed (button first, then signature), on the given base.
 */
export function resumeRequestUrl(waitingBaseUrl: string, reference: WaitReference): string {
	const url = new URL(`${waitingBaseUrl}/${reference.executionId}/${reference.nodeId}`);
	url.searchParams.set(RESUME_BUTTON_PARAMETER, reference.userButtonId);
	if (reference.signature !== undefined) {
		url.searchParams.set(RESUME_SIGNATURE_PARAMETER, reference.signature);
	}
	return url.toString();
}

/**
 * The button id a tap reports to the workflow when it resumes nothing: the user's own id from
 * a valid reference, the tapped id itself when it is no reference, and for a damaged reference
 * the id derived from the title (as the action node derives empty ids), or null. Never the
 * reference itself.
 */
export function userButtonIdOfTap(buttonId: string, title: string | null): string | null {
	if (!isWaitReference(buttonId)) return buttonId;
	const parsed = parseWaitReference(buttonId);
	if (parsed.valid) return parsed.reference.userButtonId;
	const derived = title === null ? '' : slugify(title);
	return derived === '' ? null : derived;
}

/** What the trigger posts to the waiting webhook with a tap (JSON). Not signed. */
export interface TapResumeBody {
	title: string | null;
	phoneNumber: string | null;
	key: string | null;
	/** ISO 8601: when the contact tapped. */
	respondedAt: string;
}

/** The action node's output item when a tap resumes it. */
export interface ResumedByTap {
	reply: { id: string; title: string | null };
	phoneNumber: string | null;
	key: string | null;
	respondedAt: string;
}

/**
 * What the action node's webhook() answers once it resumed the execution. The trigger treats
 * any other answer (401, 404, 409, n8n's "no action required" page) as "nothing resumed".
 */
export const RESUME_ACKNOWLEDGEMENT = { resumedBy: 'n8n-nodes-insider-whatsapp' } as const;

export function isResumeAcknowledgement(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		(body as Record<string, unknown>).resumedBy === RESUME_ACKNOWLEDGEMENT.resumedBy
	);
}

const nullableString = (value: unknown): value is string | null =>
	value === null || typeof value === 'string';

/**
 * The output of a resumed action node, from the waiting-webhook request: the button id from
 * the request's own query (byte for byte what n8n checked the signature over, not Express's
 * parsed copy) and the rest from the trigger's body. Undefined when the request is not one the
 * trigger makes; the node should then answer without resuming.
 */
export function resumedByTap(requestUrl: string, body: unknown): ResumedByTap | undefined {
	let id: string | null;
	try {
		id = new URL(requestUrl, 'http://localhost').searchParams.get(RESUME_BUTTON_PARAMETER);
	} catch {
		return undefined;
	}
	if (id === null || userButtonIdProblem(id) !== undefined) return undefined;
	if (typeof body !== 'object' || body === null) return undefined;
	const tap = body as Record<string, unknown>;
	if (!nullableString(tap.title) || !nullableString(tap.phoneNumber) || !nullableString(tap.key)) {
		return undefined;
	}
	if (typeof tap.respondedAt !== 'string' || Number.isNaN(Date.parse(tap.respondedAt))) {
		return undefined;
	}
	return {
		reply: { id, title: tap.title },
		phoneNumber: tap.phoneNumber,
		key: tap.key,
		respondedAt: new Date(tap.respondedAt).toISOString(),
	};
}
