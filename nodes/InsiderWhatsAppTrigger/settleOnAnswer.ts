import { sleep } from 'n8n-workflow';

import { PENDING_LIMIT_MS } from './deduplicator';

/** The part of n8n's (Express's) response object this module reads. */
export interface AnsweredResponse {
	statusCode: number;
	writableEnded: boolean;
	writableFinished: boolean;
	/** Set once the connection has closed (Node 20 and later). */
	destroyed: boolean;
	once(event: 'finish' | 'close', listener: () => void): unknown;
}

/** How often to look whether n8n has answered a request whose caller has already gone. */
const ANSWER_POLL_MS = 100;

/**
 * Calls `settle` once n8n has answered the webhook request, with whether the answer was a 2xx.
 * n8n 2.x answers only after it has stored the execution, and answers 500 when it could not.
 * When the caller hangs up first (Insider's attempt timed out), n8n still writes its answer
 * into the closed response later; that answer decides. No answer within PENDING_LIMIT_MS
 * counts as a refusal.
 */
export function settleWhenAnswered(
	response: AnsweredResponse,
	settle: (accepted: boolean) => void,
	limitMs = PENDING_LIMIT_MS,
): void {
	const accepted = () => response.statusCode >= 200 && response.statusCode < 300;
	let watchingClosed = false;
	const onClose = () => {
		if (response.writableFinished || watchingClosed) return;
		watchingClosed = true;
		void answerOfClosed(response, limitMs).then((answered) => settle(answered && accepted()));
	};
	response.once('finish', () => settle(accepted()));
	response.once('close', onClose);
	// A busy n8n may run the node for a request whose caller hung up long before: its 'close'
	// has already passed.
	if (response.destroyed) onClose();
}

/** Whether n8n wrote its answer into a response whose connection had closed, within the limit. */
async function answerOfClosed(response: AnsweredResponse, limitMs: number): Promise<boolean> {
	// Bounded: at most limitMs / ANSWER_POLL_MS looks.
	for (let waited = 0; waited < limitMs; waited += ANSWER_POLL_MS) {
		if (response.writableEnded) return true;
		await sleep(ANSWER_POLL_MS);
	}
	return response.writableEnded;
}
