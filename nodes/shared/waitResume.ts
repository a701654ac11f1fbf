/**
 * The trigger's and the resumed node's side of a wait reference: where the trigger sends a tap
 * (its own n8n's waiting webhook, never an address from the tap), what it posts, and what the
 * resumed action node reads back. The reference format itself is in waitReferenceCodec.ts.
 */
import { slugify } from './text';
import type { WaitReference } from './waitReferenceCodec';
import { field, isObject } from './jsonValues';
import {
	isWaitReference,
	parseWaitReference,
	RESUME_PARAMETERS,
	RESUME_SIGNATURE_PARAMETER,
	resumeUrlParameters,
	UNKNOWN_EXECUTION_ID,
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
 * The URL that resumes the referenced wait for a tap from `phoneNumber`: the same path and
 * query that getSignedResumeUrl signed (button, number, run, then the signature), on the given
 * base. A tap from any other number gives a URL whose signature n8n refuses.
 */
export function resumeRequestUrl(
	waitingBaseUrl: string,
	reference: WaitReference,
	phoneNumber: string,
): string {
	const url = new URL(`${waitingBaseUrl}/${reference.executionId}/${reference.nodeId}`);
	const signed = resumeUrlParameters(reference.userButtonId, phoneNumber, reference.run);
	for (const [name, value] of Object.entries(signed)) url.searchParams.set(name, value);
	url.searchParams.set(RESUME_SIGNATURE_PARAMETER, reference.signature);
	return url.toString();
}

/** A reply button's title is at most 20 characters; a derived id never reads more of a title. */
const BUTTON_TITLE_LIMIT = 20;

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
	const derived = title === null ? '' : slugify(title, BUTTON_TITLE_LIMIT);
	return derived === '' ? null : derived;
}

/** What the trigger posts to the waiting webhook with a tap (JSON). Not signed: information only. */
export interface TapResumeBody {
	/** Insider's key of the tapped message. */
	key: string | null;
	/** ISO 8601: when the contact tapped, as WhatsApp reported it. */
	respondedAt: string;
}

/** The action node's output item when a tap resumes it. */
export interface ResumedByTap {
	reply: { id: string; title: string | null };
	phoneNumber: string;
	key: string | null;
	respondedAt: string;
}

/**
 * What the action node's webhook() answers once it resumed the execution. The trigger treats
 * any other answer (401, 404, 409, n8n's "no action required" page) as "nothing resumed".
 */
export const RESUME_ACKNOWLEDGEMENT = { resumedBy: 'n8n-nodes-insider-whatsapp' } as const;

export function isResumeAcknowledgement(body: unknown): boolean {
	return field(body, 'resumedBy') === RESUME_ACKNOWLEDGEMENT.resumedBy;
}

/** The wait the node is in, as it knows it itself: whom it asked, in which run, with which buttons. */
export interface CurrentWait {
	phoneNumber: string;
	run: string;
	buttons: Array<{ id: string; title: string }>;
}

export type TapVerdict = { resumed: ResumedByTap } | { refused: string };

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;

/**
 * Decides whether a resume request answers the current wait. n8n has already checked the
 * signature over the button id, number and run, so these are what the node sent; here they must
 * also be this wait's: the number asked, this run, one of these buttons. The title comes from the
 * node's own buttons; only `key` and `respondedAt` come from the unsigned body, and are checked
 * for shape.
 */
export function judgeTap(requestUrl: string, body: unknown, wait: CurrentWait): TapVerdict {
	let query: URLSearchParams;
	try {
		query = new URL(requestUrl, 'http://localhost').searchParams;
	} catch {
		return { refused: 'the request URL cannot be read' };
	}
	const id = query.get(RESUME_PARAMETERS.button);
	if (query.get(RESUME_PARAMETERS.phoneNumber) !== wait.phoneNumber) {
		return { refused: 'the tap comes from another number than the one this wait asked' };
	}
	if (query.get(RESUME_PARAMETERS.run) !== wait.run) {
		return { refused: 'the tap answers an earlier wait of this node' };
	}
	const button = wait.buttons.find((candidate) => candidate.id === id);
	if (id === null || button === undefined) {
		return { refused: 'the tapped button is not one of this wait' };
	}
	if (!isObject(body)) return { refused: 'the request carries no tap' };
	const key = field(body, 'key');
	const respondedAt = field(body, 'respondedAt');
	const when =
		typeof respondedAt === 'string' && respondedAt.length <= 40 ? Date.parse(respondedAt) : NaN;
	if (Number.isNaN(when)) return { refused: 'the request carries no tap time' };
	return {
		resumed: {
			reply: { id: button.id, title: button.title },
			phoneNumber: wait.phoneNumber,
			key: typeof key === 'string' && KEY_PATTERN.test(key) ? key : null,
			respondedAt: new Date(when).toISOString(),
		},
	};
}
