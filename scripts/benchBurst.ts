/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets, no-console -- development tooling: runs in plain Node, never inside n8n, and is not published; the token is a fake bench token */
/**
 * `npm run bench:burst`: a campaign's burst of status callbacks into a real n8n 2.41.1, posted
 * the way Insider posts them (each request given 10 s, retried on Insider's schedule times
 * --time-scale), into three receivers that end in the same status log:
 *   (a) the Insider WhatsApp Trigger; (b) n8n's Webhook node alone (no deduplication);
 *   (c) n8n's Webhook node followed by Read Callback Events.
 * For each: accepted per second, answered within 10 s, p50 and p99 latency of the first
 * attempts, and, once the retries are over, events lost or duplicated in the status log.
 * Then the same callback posted many times at once: how many pass each deduplication.
 * Runs on n8n's default expression engine and on N8N_EXPRESSION_ENGINE=legacy.
 * Options: --callbacks 1000 --in-flight 20,100 --engines default,legacy --time-scale 0.5
 *          --variants trigger,webhook,webhookRead --same 20,100
 * Prints the tables and writes them to bench-burst-results.md.
 */
import { randomUUID } from 'crypto';
import fs from 'fs';
import os from 'os';

import { Deliverer } from '../sandbox/delivery';
import { newWaMessageId, statusEvent } from '../sandbox/events';
import { startReceiver } from '../test/support/http';
import type { ReceiverKind } from '../test/e2e/harness/callbackReceivers';
import {
	forwardNode,
	RECEIVER_LABELS,
	receiverUrl,
	receiverWorkflow,
	tally,
	webhookNode,
} from '../test/e2e/harness/callbackReceivers';
import { ensureN8n, N8N_VERSIONS } from '../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../dev/n8n/n8nInstance';
import { credentials, workflow } from '../test/e2e/harness/workflows';

const TOKEN = 'bench-burst-token-0123456789';
const BUSINESS_NUMBER = '15550783881';
const REQUEST_TIMEOUT_MS = 10_000;

function stringArg(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}
const listArg = (name: string, fallback: string) => stringArg(name, fallback).split(',');

const CALLBACKS = Number(stringArg('callbacks', '1000'));
const IN_FLIGHT = listArg('in-flight', '20,100').map(Number);
const ENGINES = listArg('engines', 'default,legacy');
const TIME_SCALE = Number(stringArg('time-scale', '0.5'));
const VARIANTS = listArg('variants', 'trigger,webhook,webhookRead') as ReceiverKind[];
const SAME = listArg('same', '20,100').map(Number);
const RETRY_WINDOW_MS = 60 * 60_000 * TIME_SCALE;

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
	const started = Date.now();
	while (!(await check())) {
		if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting for ${what}`);
		await sleep(200);
	}
}

/** One status callback as Insider posts it: Meta's envelope with Insider's key. */
function callback(run: string, index: number) {
	const key = `whatsapp-${run}-${index}`;
	const phone = `+1555${String(4000000 + index)}`;
	return { key, payload: statusEvent(BUSINESS_NUMBER, key, phone, newWaMessageId(), 'delivered') };
}

interface BurstResult {
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

async function main() {
	const install = await ensureN8n(N8N_VERSIONS.v2);
	const report: string[] = [];
	const say = (line = '') => {
		console.log(line);
		report.push(line);
	};
	say(
		`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(
				' ',
			)} at start; n8n ${install.spec.n8n} on Node ${install.spec.node}; bench on Node ${process.version}; ${new Date().toISOString()}`,
	);
	say(
		`Callbacks per run: ${CALLBACKS}; request timeout ${REQUEST_TIMEOUT_MS / 1000} s; retries on Insider's schedule x ${TIME_SCALE} (the hour lasts ${RETRY_WINDOW_MS / 60_000} min); executions not saved`,
	);

	for (const engine of ENGINES) {
		const recorder = await startReceiver();
		const n8n = new N8nInstance(install, {
			port: await freePort(),
			env: engine === 'default' ? {} : { N8N_EXPRESSION_ENGINE: engine },
		});
		const workflows = VARIANTS.map((kind) =>
			receiverWorkflow(kind, {
				id: `burst${kind}`,
				recorderUrl: recorder.url,
				saveExecutions: false,
			}),
		);
		const sameWorkflows = [
			receiverWorkflow('trigger', {
				id: 'sametrigger',
				recorderUrl: recorder.url,
				saveExecutions: false,
			}),
			receiverWorkflow('webhookRead', {
				id: 'samewebhookRead',
				recorderUrl: recorder.url,
				saveExecutions: false,
			}),
			// n8n's own Remove Duplicates node on the same store, without this package's queue.
			workflow(
				'sameremoveDuplicates',
				'Same callback: Remove Duplicates',
				[
					webhookNode('sameremoveDuplicates'),
					{
						name: 'Remove Duplicates',
						type: 'n8n-nodes-base.removeDuplicates',
						typeVersion: 2,
						parameters: {
							operation: 'removeItemsSeenInPreviousExecutions',
							dedupeValue: '={{ $json.body.key }}',
							options: { scope: 'workflow' },
						},
					},
					forwardNode(recorder.url, 'sameremoveDuplicates'),
				],
				['Webhook', 'Remove Duplicates', 'Status log'],
			),
		];
		await n8n.importCredentials(
			credentials('http://127.0.0.1:9', 'unused', TOKEN).filter(
				(credential) => credential.type === 'insiderWhatsAppWebhookApi',
			),
		);
		await n8n.importWorkflows([...workflows, ...sameWorkflows]);
		await n8n.start();
		const unfinished = async (workflowId: string) =>
			(
				await n8n.query<{ count: number }>(
					`SELECT COUNT(*) AS count FROM execution_entity WHERE workflowId = '${workflowId}' AND status IN ('new', 'running', 'waiting') AND deletedAt IS NULL`,
				)
			)[0].count;

		/** Waits until n8n has run everything it was sent for this workflow. */
		async function settle(kind: ReceiverKind | 'removeDuplicates', id: string, url: string) {
			const sentinelKey = `whatsapp-sentinel-${randomUUID()}`;
			const deliverer = new Deliverer(TIME_SCALE);
			await deliverer.deliver({
				target: 'callback',
				url,
				event: 'read',
				key: sentinelKey,
				payload: { key: sentinelKey, status: 'read' },
			});
			deliverer.stop();
			await until(
				() => recorder.received.some((r) => JSON.stringify(r.body).includes(sentinelKey)),
				600_000,
				`the sentinel of ${kind}`,
			);
			// n8n may leave executions it could not run (status new or running) behind under
			// overload: wait until none are left, or their number stops changing for a minute.
			let left = await unfinished(id);
			for (let unchangedSince = Date.now(); left > 0 && Date.now() - unchangedSince < 60_000; ) {
				await sleep(1000);
				const now = await unfinished(id);
				if (now !== left) unchangedSince = Date.now();
				left = now;
			}
			if (left > 0)
				say(`  (${kind}: ${left} executions n8n left unfinished, status new or running)`);
			return `${sentinelKey}|read`;
		}

		async function burst(
			kind: ReceiverKind,
			inFlight: number,
			count: number,
		): Promise<BurstResult> {
			const id = `burst${kind}`;
			const url = receiverUrl(kind, n8n.url, id, TOKEN);
			const run = randomUUID().slice(0, 8);
			const callbacks = Array.from({ length: count }, (_, i) => callback(run, i));
			// At most `inFlight` requests out at once, first attempts and retries alike.
			const deliverer = new Deliverer(TIME_SCALE, inFlight);
			let firstAttemptsDone = 0;
			let lastFirstAttemptAt = 0;
			const started = Date.now();
			const deliveries = callbacks.map(
				async ({ key, payload }) =>
					await deliverer.deliver(
						{ target: 'callback', url, event: 'delivered', key, payload },
						() => {
							firstAttemptsDone++;
							lastFirstAttemptAt = Date.now();
						},
					),
			);
			await until(() => firstAttemptsDone === count, RETRY_WINDOW_MS, 'the first attempts');
			const firstAttempts = deliverer.attempts.filter((attempt) => attempt.attempt === 0);
			const answered = firstAttempts.filter(
				(attempt) => (attempt.statusCode ?? 0) >= 200 && (attempt.statusCode ?? 0) < 300,
			).length;
			const latencies = firstAttempts.map((attempt) => attempt.durationMs ?? REQUEST_TIMEOUT_MS);
			const firstPhaseMs = lastFirstAttemptAt - started;
			let deadline: NodeJS.Timeout | undefined;
			const allDelivered = await Promise.race([
				Promise.all(deliveries).then((results) => results.every(Boolean)),
				new Promise<boolean>((resolve) => {
					deadline = setTimeout(() => resolve(false), RETRY_WINDOW_MS + 120_000);
				}),
			]);
			clearTimeout(deadline);
			const drainedMs = Date.now() - started;
			const retries = deliverer.attempts.length - count;
			deliverer.stop();
			if (!allDelivered) say(`  (${kind} at ${inFlight}: some callbacks were never acknowledged)`);
			const sentinel = await settle(kind, id, url);
			const expected = [...callbacks.map((c) => `${c.key}|delivered`), sentinel];
			const counts = tally(recorder.received, id, expected);
			const sorted = [...latencies].sort((a, b) => a - b);
			const duplicated = counts.duplicated.reduce((sum, [, n]) => sum + n - 1, 0);
			return {
				acceptedPerSecond: answered / (firstPhaseMs / 1000),
				answered,
				p50: percentile(sorted, 50),
				p99: percentile(sorted, 99),
				firstPhaseMs,
				drainedMs,
				retries,
				lost: counts.lost.length,
				duplicated,
			};
		}

		say(`\n## Engine: ${engine === 'default' ? "n8n's default (isolated VM)" : engine}`);
		// Warm up every route (JIT, first executions) before measuring.
		for (const kind of VARIANTS) await burst(kind, 20, 50);
		say(
			`\n| receiver | in flight | accepted/s | answered within 10 s | p50 s | p99 s | first attempts done after s | all acknowledged after s | retries | lost | duplicated |`,
		);
		say('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
		const rates: Record<string, number> = {};
		for (const inFlight of IN_FLIGHT) {
			for (const kind of VARIANTS) {
				const r = await burst(kind, inFlight, CALLBACKS);
				rates[`${kind}@${inFlight}`] = r.acceptedPerSecond;
				say(
					`| ${RECEIVER_LABELS[kind]} | ${inFlight} | ${r.acceptedPerSecond.toFixed(1)} | ${r.answered} of ${CALLBACKS} | ${seconds(r.p50)} | ${seconds(r.p99)} | ${seconds(r.firstPhaseMs)} | ${seconds(r.drainedMs)} | ${r.retries} | ${r.lost} | ${r.duplicated} |`,
				);
			}
			const read = rates[`webhookRead@${inFlight}`];
			const plain = rates[`webhook@${inFlight}`];
			const trigger = rates[`trigger@${inFlight}`];
			if (read && plain)
				say(
					`\nAt ${inFlight} in flight: (c)/(b) = ${(read / plain).toFixed(2)}${trigger ? `, (a)/(b) = ${(trigger / plain).toFixed(2)}` : ''}\n`,
				);
		}

		say(`\nThe same callback posted N times at once (the store's row already exists):`);
		say('| receiver | N | reached the status log |');
		say('| --- | --- | --- |');
		for (const [kind, id] of [
			['trigger', 'sametrigger'],
			['webhookRead', 'samewebhookRead'],
			['removeDuplicates', 'sameremoveDuplicates'],
		] as const) {
			const url = receiverUrl(kind === 'trigger' ? 'trigger' : 'webhook', n8n.url, id, TOKEN);
			for (const n of SAME) {
				const run = randomUUID().slice(0, 8);
				const seed = callback(`${run}-seed`, 0);
				const same = callback(run, 0);
				const post = async (payload: unknown) =>
					await fetch(url, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(payload),
					}).then(async (response) => await response.text());
				await post(seed.payload);
				await Promise.all(Array.from({ length: n }, async () => await post(same.payload)));
				const sentinel = await settle(kind, id, url);
				const counts = tally(recorder.received, id, [`${same.key}|delivered`, sentinel]);
				const label =
					kind === 'removeDuplicates'
						? "n8n's Webhook node + Remove Duplicates (n8n's node, same store)"
						: RECEIVER_LABELS[kind];
				say(`| ${label} | ${n} | ${counts.counts.get(`${same.key}|delivered`) ?? 0} |`);
			}
		}

		await n8n.stop();
		await recorder.stop();
	}
	fs.writeFileSync('bench-burst-results.md', `${report.join('\n')}\n`);
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
