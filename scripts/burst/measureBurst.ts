/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * One burst of distinct status callbacks into one receiver, posted as Insider posts them (each
 * request given 10 s, retried on Insider's schedule), and what came of it.
 */
import { randomUUID } from 'crypto';

import { Deliverer } from '../../sandbox/delivery';
import { newWaMessageId, statusEvent } from '../../sandbox/events';
import type { ReceiverKind } from '../../dev/n8n/callbackReceivers';
import { receiverUrl, tally } from '../../dev/n8n/callbackReceivers';
import { waitFor } from '../../dev/wait';
import { burstWorkflowId, TOKEN } from './burstN8n';
import type { BurstContext } from './settle';
import { settle } from './settle';

const BUSINESS_NUMBER = '15550783881';
export const REQUEST_TIMEOUT_MS = 10_000;

export interface BurstResult {
	acceptedPerSecond: number;
	answered: number;
	p50: number;
	p99: number;
	firstPhaseMs: number;
	drainedMs: number;
	retries: number;
	lost: number;
	duplicated: number;
}

/** One status callback as Insider posts it: Meta's envelope with Insider's key. */
export function statusCallback(run: string, index: number) {
	const key = `whatsapp-${run}-${index}`;
	const phone = `+1555${String(4000000 + index)}`;
	return { key, payload: statusEvent(BUSINESS_NUMBER, key, phone, newWaMessageId(), 'delivered') };
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Resolves whether every delivery was acknowledged, or false when `ms` passed first. */
async function allAcknowledgedWithin(deliveries: Array<Promise<boolean>>, ms: number) {
	let deadline: NodeJS.Timeout | undefined;
	const result = await Promise.race([
		Promise.all(deliveries).then((results) => results.every(Boolean)),
		new Promise<boolean>((resolve) => {
			deadline = setTimeout(() => resolve(false), ms);
		}),
	]);
	clearTimeout(deadline);
	return result;
}

/** `count` distinct callbacks into `kind`'s workflow, at most `inFlight` requests out at once. */
export async function measureBurst(
	context: BurstContext,
	kind: ReceiverKind,
	inFlight: number,
	count: number,
): Promise<BurstResult> {
	const { n8n, recorder, timeScale, say } = context;
	const id = burstWorkflowId(kind);
	const url = receiverUrl(kind, n8n.url, id, TOKEN);
	const retryWindowMs = 60 * 60_000 * timeScale;
	const run = randomUUID().slice(0, 8);
	const callbacks = Array.from({ length: count }, (_, i) => statusCallback(run, i));
	// First attempts and retries alike count towards the requests in flight.
	const deliverer = new Deliverer(timeScale, inFlight);
	let firstAttemptsDone = 0;
	let lastFirstAttemptAt = 0;
	const started = Date.now();
	const deliveries = callbacks.map(
		async ({ key, payload }) =>
			await deliverer.deliver({ target: 'callback', url, event: 'delivered', key, payload }, () => {
				firstAttemptsDone++;
				lastFirstAttemptAt = Date.now();
			}),
	);
	await waitFor(() => firstAttemptsDone === count, retryWindowMs, 'the first attempts', {
		intervalMs: 200,
	});
	const firstAttempts = deliverer.attempts.filter((attempt) => attempt.attempt === 0);
	const answered = firstAttempts.filter(
		(attempt) => (attempt.statusCode ?? 0) >= 200 && (attempt.statusCode ?? 0) < 300,
	).length;
	const latencies = firstAttempts.map((attempt) => attempt.durationMs ?? REQUEST_TIMEOUT_MS);
	const firstPhaseMs = lastFirstAttemptAt - started;
	const allDelivered = await allAcknowledgedWithin(deliveries, retryWindowMs + 120_000);
	const drainedMs = Date.now() - started;
	const retries = deliverer.attempts.length - count;
	deliverer.stop();
	if (!allDelivered) say(`  (${kind} at ${inFlight}: some callbacks were never acknowledged)`);
	const sentinel = await settle(context, kind, id, url);
	const expected = [...callbacks.map((c) => `${c.key}|delivered`), sentinel];
	const counts = tally(recorder.received, id, expected);
	const sorted = [...latencies].sort((a, b) => a - b);
	return {
		acceptedPerSecond: answered / (firstPhaseMs / 1000),
		answered,
		p50: percentile(sorted, 50),
		p99: percentile(sorted, 99),
		firstPhaseMs,
		drainedMs,
		retries,
		lost: counts.lost.length,
		duplicated: counts.duplicated.reduce((sum, [, n]) => sum + n - 1, 0),
	};
}
