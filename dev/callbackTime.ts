/**
 * Insider's callback retries at the pace of the end-to-end tests. Insider retries a callback
 * that got no 2xx for an hour (1, 2, 3, 8, … 60 minutes after the first attempt), and the
 * product relies on that hour when n8n is slow to answer a campaign's burst of statuses.
 *
 * `npm run bench -- --only drain` measured, for the 120-contact campaign example (480
 * callbacks) on 2 cores shared with other n8n instances (load average 13 to 15), 117 to 201 s
 * from the first attempt to the last 200, callbacks needing up to their 7th retry (28 minutes).
 * At 0.001 the hour lasted 3.6 s and up to 380 of the 480 statuses used up their retries; at
 * 1/60 (a 60 s hour) none was lost but some needed the 10th and last retry. At 1/10 an Insider
 * minute lasts 6 s and the hour 6 minutes: about twice the longest drain measured, with three
 * retries to spare, as the real hour outlasts a real campaign's statuses.
 */
import type { DeliveryAttempt } from '../sandbox/delivery';
import { CALLBACK_RETRY_MINUTES } from '../sandbox/options';

export const E2E_TIME_SCALE = 1 / 10;

/** How long, at E2E_TIME_SCALE, Insider keeps retrying one callback after its first attempt. */
export const RETRY_HORIZON_MS =
	CALLBACK_RETRY_MINUTES[CALLBACK_RETRY_MINUTES.length - 1] * 60_000 * E2E_TIME_SCALE;

/**
 * Which events (`key|event`) got a 200, and which used up every retry without a 2xx, among
 * the sandbox's delivery attempts to status callback URLs.
 */
export function callbackOutcomes(attempts: DeliveryAttempt[]) {
	const answered = new Set<string>();
	const gaveUp = new Set<string>();
	for (const attempt of attempts) {
		if (attempt.target !== 'callback') continue;
		const id = `${attempt.key}|${attempt.event}`;
		if (attempt.statusCode === 200) answered.add(id);
		else if (
			attempt.attempt === CALLBACK_RETRY_MINUTES.length &&
			(attempt.statusCode !== undefined || attempt.error !== undefined)
		)
			gaveUp.add(id);
	}
	return { answered, gaveUp };
}
