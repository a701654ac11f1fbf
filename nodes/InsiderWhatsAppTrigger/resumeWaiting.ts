/**
 * A tap on a Send Quick Reply and Wait for Tap button resumes the execution that sent it: the
 * trigger posts it to its own n8n's waiting webhook, where n8n checks the signature and hands it
 * to the waiting node. A tap that resumes nothing stays an ordinary `reply` event, with the
 * user's own button id instead of the reference.
 */
import type { IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { CallbackEvent } from '../shared/callbackEvent';
import type { TapResumeBody, WaitReference } from '../shared/waitReference';
import {
	isResumeAcknowledgement,
	isWaitReference,
	parseWaitReference,
	resumeRequestUrl,
	userButtonIdOfTap,
	waitingWebhookBaseUrl,
} from '../shared/waitReference';

/**
 * The message goes out before the sending node has finished, so a quick tap can meet its
 * execution still running (n8n answers 409). That answer is tried again for about ten seconds.
 */
export const RUNNING_RETRY = { attempts: 20, delayMs: 500 } as const;
const REQUEST_TIMEOUT_MS = 30_000;

type Attempt = { resumed: true } | { resumed: false; running: boolean; why: string };

interface FullResponse {
	statusCode: number;
	body: unknown;
}

function answerText(body: unknown): string {
	const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
	return text.replace(/\s+/g, ' ').slice(0, 200);
}

/** One POST of the tap to the waiting webhook; never throws. */
async function postTap(
	context: IWebhookFunctions,
	url: string,
	body: TapResumeBody,
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
			timeout: REQUEST_TIMEOUT_MS,
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

/** Posts the tap, trying again while its execution is still running; true once it resumed. */
async function resume(
	context: IWebhookFunctions,
	url: string,
	reference: WaitReference,
	body: TapResumeBody,
): Promise<boolean> {
	for (let attempt = 1; ; attempt++) {
		const outcome = await postTap(context, url, body);
		if (outcome.resumed) return true;
		if (!outcome.running || attempt >= RUNNING_RETRY.attempts) {
			context.logger.info(
				`Insider WhatsApp Trigger: the tap did not resume execution ${reference.executionId} (${outcome.why}); it is emitted as a reply event`,
			);
			return false;
		}
		await sleep(RUNNING_RETRY.delayMs);
	}
}

/** A tapped reply button whose id claims to be a wait reference. */
function referenceOf(event: CallbackEvent): string | undefined {
	const reply = event.reply;
	if (event.event !== 'reply' || reply?.type !== 'button' || reply.id === null) return undefined;
	return isWaitReference(reply.id) ? reply.id : undefined;
}

/**
 * Resumes the executions the taps among `events` refer to (when `enabled`) and returns the
 * events still to emit: every other event unchanged, and each tap that resumed nothing with the
 * user's own button id. The only address ever called is this n8n's own waiting webhook, built
 * from what n8n gives this trigger; from a tap only the checked parts of its reference are used.
 */
export async function resumeWaitingExecutions(
	context: IWebhookFunctions,
	events: CallbackEvent[],
	enabled: boolean,
): Promise<{ events: CallbackEvent[]; resumed: number }> {
	const remaining: CallbackEvent[] = [];
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

	for (const event of events) {
		const buttonId = referenceOf(event);
		const reply = event.reply;
		if (buttonId === undefined || reply === null) {
			remaining.push(event);
			continue;
		}
		if (enabled) {
			const parsed = parseWaitReference(buttonId);
			const base = parsed.valid ? baseUrl() : null;
			if (!parsed.valid) {
				context.logger.info(
					`Insider WhatsApp Trigger: a tapped button id is no valid wait reference (${parsed.problem}); it is emitted as a reply event`,
				);
			} else if (base !== null) {
				const body: TapResumeBody = {
					title: reply.title,
					phoneNumber: event.phoneNumber,
					key: event.key,
					respondedAt: event.timestamp,
				};
				const url = resumeRequestUrl(base, parsed.reference);
				if (await resume(context, url, parsed.reference, body)) {
					resumed++;
					continue;
				}
			}
		}
		remaining.push({ ...event, reply: { ...reply, id: userButtonIdOfTap(buttonId, reply.title) } });
	}
	return { events: remaining, resumed };
}
