/**
 * A tap on a Send Quick Reply and Wait for Tap button resumes the wait that sent it: the trigger
 * posts it to its own n8n's waiting webhook, where n8n checks the signature (over the button,
 * the tapping contact's number and the wait's run) and hands it to the waiting node. A tap that
 * resumes nothing stays an ordinary `reply` event.
 *
 * One request may hold many taps, so the work is bounded: at most RESUME_LIMITS.tapsPerRequest
 * taps are tried per request and all of them share one time budget; the rest are emitted as
 * ordinary replies, never lost.
 */
import type { IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { CallbackEvent } from '../shared/callbackEvent';
import type { TapResumeBody } from '../shared/waitReference';
import {
	isResumeAcknowledgement,
	isWaitReference,
	parseWaitReference,
	resumeRequestUrl,
	waitingWebhookBaseUrl,
} from '../shared/waitReference';

export const RESUME_LIMITS = {
	/** Taps one request may try to resume; Insider sends one tap per webhook call. */
	tapsPerRequest: 10,
	/** Time all of a request's resumes may take together, retries included. */
	requestBudgetMs: 10_000,
	/**
	 * The message goes out before the sending node has finished, so a quick tap can meet its
	 * execution still running (n8n answers 409); that answer is tried again after this pause,
	 * within the budget.
	 */
	runningRetryDelayMs: 500,
} as const;

type Attempt = { resumed: true } | { resumed: false; running: boolean; why: string };

interface FullResponse {
	statusCode: number;
	body: unknown;
}

function answerText(body: unknown): string {
	const text = typeof body === 'string' ? body.slice(0, 400) : JSON.stringify(body ?? '');
	return text.replace(/\s+/g, ' ').slice(0, 200);
}

/** One POST of the tap to the waiting webhook, within `timeoutMs`; never throws. */
async function postTap(
	context: IWebhookFunctions,
	url: string,
	body: TapResumeBody,
	timeoutMs: number,
): Promise<Attempt> {
	let response: FullResponse;
	try {
		response = (await context.helpers.httpRequest({
			method: 'POST',
			url,
			body: { ...body },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: timeoutMs,
		})) as FullResponse;
	} catch (error) {
		return { resumed: false, running: false, why: `the request failed (${String(error)})` };
	}
	const { statusCode } = response;
	if (statusCode >= 200 && statusCode < 300 && isResumeAcknowledgement(response.body)) {
		return { resumed: true };
	}
	const text = answerText(response.body);
	return {
		resumed: false,
		running: statusCode === 409 && /is running already/.test(text),
		why: `n8n answered ${statusCode}: ${text}`,
	};
}

/** Posts the tap, trying again while its execution is still running, until the deadline. */
async function resume(
	context: IWebhookFunctions,
	url: string,
	body: TapResumeBody,
	deadline: number,
): Promise<{ resumed: boolean; why: string }> {
	for (;;) {
		const remaining = deadline - Date.now();
		if (remaining <= 0) return { resumed: false, why: 'the time for resuming ran out' };
		const outcome = await postTap(context, url, body, remaining);
		if (outcome.resumed) return { resumed: true, why: '' };
		if (!outcome.running || deadline - Date.now() <= RESUME_LIMITS.runningRetryDelayMs) {
			return { resumed: false, why: outcome.why };
		}
		await sleep(RESUME_LIMITS.runningRetryDelayMs);
	}
}

/** A tapped reply button whose id claims to be a wait reference. */
function referenceOf(event: CallbackEvent): string | undefined {
	const reply = event.reply;
	if (event.event !== 'reply' || reply?.type !== 'button' || reply.id === null) return undefined;
	return isWaitReference(reply.id) ? reply.id : undefined;
}

/**
 * Resumes the waits the taps among `events` refer to and returns the events still to emit:
 * every other event, and each tap that resumed nothing. The only address ever called is this
 * n8n's own waiting webhook, built from what n8n gives this trigger; from a tap only the checked
 * parts of its reference and the contact's number are used.
 */
export async function resumeWaitingExecutions(
	context: IWebhookFunctions,
	events: CallbackEvent[],
): Promise<{ events: CallbackEvent[]; resumed: number }> {
	const remaining: CallbackEvent[] = [];
	const tried = new Set<string>();
	const deadline = Date.now() + RESUME_LIMITS.requestBudgetMs;
	let resumed = 0;
	let waitingBaseUrl: string | null | undefined;
	const baseUrl = () => {
		if (waitingBaseUrl !== undefined) return waitingBaseUrl;
		try {
			waitingBaseUrl = waitingWebhookBaseUrl(
				context.evaluateExpression('{{ $execution.resumeUrl }}'),
				context.getNodeWebhookUrl('default'),
			);
		} catch (error) {
			context.logger.warn(
				`Insider WhatsApp Trigger: cannot resume waiting executions: ${(error as Error).message}`,
			);
			waitingBaseUrl = null;
		}
		return waitingBaseUrl;
	};
	const passOn = (event: CallbackEvent, why: string) => {
		context.logger.info(
			`Insider WhatsApp Trigger: a tap resumed no waiting execution (${why}); it is emitted as a reply event`,
		);
		remaining.push(event);
	};

	for (const event of events) {
		const buttonId = referenceOf(event);
		if (buttonId === undefined) {
			remaining.push(event);
			continue;
		}
		const parsed = parseWaitReference(buttonId);
		if (!parsed.valid) {
			passOn(event, `the button id is no valid wait reference: ${parsed.problem}`);
			continue;
		}
		if (event.phoneNumber === null) {
			passOn(event, 'the tap names no contact number');
			continue;
		}
		if (tried.has(buttonId) || tried.size >= RESUME_LIMITS.tapsPerRequest) {
			passOn(event, `a request resumes at most ${RESUME_LIMITS.tapsPerRequest} distinct taps`);
			continue;
		}
		tried.add(buttonId);
		const base = baseUrl();
		if (base === null) {
			passOn(event, "this n8n's waiting-webhook address is unknown");
			continue;
		}
		const url = resumeRequestUrl(base, parsed.reference, event.phoneNumber);
		const body: TapResumeBody = { key: event.key, respondedAt: event.timestamp };
		const outcome = await resume(context, url, body, deadline);
		if (outcome.resumed) resumed++;
		else passOn(event, `execution ${parsed.reference.executionId}: ${outcome.why}`);
	}
	return { events: remaining, resumed };
}
