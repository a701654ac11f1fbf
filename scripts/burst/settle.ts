/**
 * Waiting until n8n has run everything it was sent for a workflow: a sentinel callback posted
 * after everything else has reached the status log, and no execution is left unfinished.
 */
import { randomUUID } from 'crypto';

import { Deliverer } from '../../sandbox/delivery';
import type { Recorder } from '../../dev/http/recorder';
import type { N8nInstance } from '../../dev/n8n/n8nInstance';
import { waitFor } from '../../dev/wait';

export interface BurstContext {
	n8n: N8nInstance;
	recorder: Recorder;
	/** Insider's retry schedule times this. */
	timeScale: number;
	/** Prints a line of the report. */
	say: (line?: string) => void;
}

/** How long the number of unfinished executions may stay the same before n8n is taken as done. */
const UNCHANGED_MS = 60_000;

/** Posts the sentinel, waits for it and for n8n to finish; returns the sentinel's event id. */
export async function settle(
	{ n8n, recorder, timeScale, say }: BurstContext,
	label: string,
	workflowId: string,
	url: string,
): Promise<string> {
	const sentinelKey = `whatsapp-sentinel-${randomUUID()}`;
	const deliverer = new Deliverer(timeScale);
	await deliverer.deliver({
		target: 'callback',
		url,
		event: 'read',
		key: sentinelKey,
		payload: { key: sentinelKey, status: 'read' },
	});
	deliverer.stop();
	await waitFor(
		() => recorder.received.some((r) => JSON.stringify(r.body).includes(sentinelKey)),
		600_000,
		`the sentinel of ${label}`,
		{ intervalMs: 200 },
	);
	// n8n may leave executions it could not run (status new or running) behind under
	// overload: wait until none are left, or their number stops changing for a minute.
	let left = await n8n.unfinishedExecutionCount(workflowId);
	let unchangedSince = Date.now();
	await waitFor(
		async () => {
			const now = await n8n.unfinishedExecutionCount(workflowId);
			if (now !== left) [left, unchangedSince] = [now, Date.now()];
			return left === 0 || Date.now() - unchangedSince >= UNCHANGED_MS;
		},
		30 * 60_000,
		`the executions of ${label} to finish or stop changing`,
		{ intervalMs: 1000 },
	);
	if (left > 0) say(`  (${label}: ${left} executions n8n left unfinished, status new or running)`);
	return `${sentinelKey}|read`;
}
