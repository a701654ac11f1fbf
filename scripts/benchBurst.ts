/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- development tooling: runs in plain Node, never inside n8n, and is not published */
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
import fs from 'fs';
import os from 'os';
import { parseArgs } from 'util';

import { choiceListOption, listOption, numberListOption, numberOption } from '../dev/cliArgs';
import { startReceiver } from '../dev/http/recorder';
import type { ReceiverKind } from '../dev/n8n/callbackReceivers';
import { RECEIVER_LABELS } from '../dev/n8n/callbackReceivers';
import { ensureN8n, N8N_VERSIONS } from '../dev/n8n/n8nInstall';
import { startBurstN8n } from './burst/burstN8n';
import { measureBurst, REQUEST_TIMEOUT_MS } from './burst/measureBurst';
import { measureSameCallback } from './burst/sameCallback';
import type { BurstContext } from './burst/settle';

const { values } = parseArgs({
	options: {
		callbacks: { type: 'string', default: '1000' },
		'in-flight': { type: 'string', default: '20,100' },
		engines: { type: 'string', default: 'default,legacy' },
		'time-scale': { type: 'string', default: '0.5' },
		variants: { type: 'string', default: 'trigger,webhook,webhookRead' },
		same: { type: 'string', default: '20,100' },
	},
});
const CALLBACKS = numberOption('callbacks', values.callbacks);
const IN_FLIGHT = numberListOption('in-flight', values['in-flight']);
const ENGINES = listOption(values.engines);
const TIME_SCALE = numberOption('time-scale', values['time-scale']);
const VARIANTS = choiceListOption(
	'variants',
	values.variants,
	Object.keys(RECEIVER_LABELS) as ReceiverKind[],
);
const SAME = numberListOption('same', values.same);

const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** The burst table of one engine: a row per number in flight and receiver. */
async function burstTable(context: BurstContext) {
	const { say } = context;
	// Warm up every route (JIT, first executions) before measuring.
	for (const kind of VARIANTS) await measureBurst(context, kind, 20, 50);
	say(
		`\n| receiver | in flight | accepted/s | answered within 10 s | p50 s | p99 s | first attempts done after s | all acknowledged after s | retries | lost | duplicated |`,
	);
	say('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	for (const inFlight of IN_FLIGHT) {
		const rates: Partial<Record<ReceiverKind, number>> = {};
		for (const kind of VARIANTS) {
			const r = await measureBurst(context, kind, inFlight, CALLBACKS);
			rates[kind] = r.acceptedPerSecond;
			say(
				`| ${RECEIVER_LABELS[kind]} | ${inFlight} | ${r.acceptedPerSecond.toFixed(1)} | ${r.answered} of ${CALLBACKS} | ${seconds(r.p50)} | ${seconds(r.p99)} | ${seconds(r.firstPhaseMs)} | ${seconds(r.drainedMs)} | ${r.retries} | ${r.lost} | ${r.duplicated} |`,
			);
		}
		const { webhookRead: read, webhook: plain, trigger } = rates;
		if (read && plain)
			say(
				`\nAt ${inFlight} in flight: (c)/(b) = ${(read / plain).toFixed(2)}${trigger ? `, (a)/(b) = ${(trigger / plain).toFixed(2)}` : ''}\n`,
			);
	}
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
		`Callbacks per run: ${CALLBACKS}; request timeout ${REQUEST_TIMEOUT_MS / 1000} s; retries on Insider's schedule x ${TIME_SCALE} (the hour lasts ${TIME_SCALE * 60} min); executions not saved`,
	);

	for (const engine of ENGINES) {
		const recorder = await startReceiver();
		const n8n = await startBurstN8n(install, engine, VARIANTS, recorder.url);
		const context: BurstContext = { n8n, recorder, timeScale: TIME_SCALE, say };
		say(`\n## Engine: ${engine === 'default' ? "n8n's default (isolated VM)" : engine}`);
		await burstTable(context);
		await measureSameCallback(context, SAME);
		await n8n.stop();
		await recorder.stop();
	}
	fs.writeFileSync('bench-burst-results.md', `${report.join('\n')}\n`);
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
