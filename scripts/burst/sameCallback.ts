/**
 * The same callback posted many times at once (the deduplication store's row already exists):
 * how many copies reach the status log through each deduplication.
 */
import { randomUUID } from 'crypto';

import { RECEIVER_LABELS, receiverUrl, tally } from '../../dev/n8n/callbackReceivers';
import { SAME_CALLBACK_WORKFLOWS, TOKEN } from './burstN8n';
import { statusCallback } from './measureBurst';
import type { BurstContext } from './settle';
import { settle } from './settle';

const LABELS: Record<(typeof SAME_CALLBACK_WORKFLOWS)[number]['kind'], string> = {
	trigger: RECEIVER_LABELS.trigger,
	webhookRead: RECEIVER_LABELS.webhookRead,
	removeDuplicates: "n8n's Webhook node + Remove Duplicates (n8n's node, same store)",
};

/** Prints a table row per workflow and number of copies. */
export async function measureSameCallback(context: BurstContext, copies: number[]) {
	const { n8n, recorder, say } = context;
	say(`\nThe same callback posted N times at once (the store's row already exists):`);
	say('| receiver | N | reached the status log |');
	say('| --- | --- | --- |');
	for (const { kind, id } of SAME_CALLBACK_WORKFLOWS) {
		const url = receiverUrl(kind === 'trigger' ? 'trigger' : 'webhook', n8n.url, id, TOKEN);
		const post = async (payload: unknown) =>
			await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(payload),
			}).then(async (response) => await response.text());
		for (const n of copies) {
			const run = randomUUID().slice(0, 8);
			const seed = statusCallback(`${run}-seed`, 0);
			const same = statusCallback(run, 0);
			await post(seed.payload);
			await Promise.all(Array.from({ length: n }, async () => await post(same.payload)));
			const sentinel = await settle(context, kind, id, url);
			const counts = tally(recorder.received, id, [`${same.key}|delivered`, sentinel]);
			say(`| ${LABELS[kind]} | ${n} | ${counts.counts.get(`${same.key}|delivered`) ?? 0} |`);
		}
	}
}
