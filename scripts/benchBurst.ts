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

interface BurstOptions {
	callbacks: number;
	inFlight: number[];
	engines: string[];
	timeScale: number;
	variants: ReceiverKind[];
	same: number[];
}

/** The options in the header above. */
function burstOptions(args: string[]): BurstOptions {
	const { values } = parseArgs({
		args,
		options: {
			callbacks: { type: 'string', default: '1000' },
			'in-flight': { type: 'string', default: '20,100' },
			engines: { type: 'string', default: 'default,legacy' },
			'time-scale': { type: 'string', default: '0.5' },
			variants: { type: 'string', default: 'trigger,webhook,webhookRead' },
			same: { type: 'string', default: '20,100' },
		},
	});
	return {
		callbacks: numberOption('callbacks', values.callbacks),
		inFlight: numberListOption('in-flight', values['in-flight']),
		engines: listOption(values.engines),
		timeScale: numberOption('time-scale', values['time-scale']),
		variants: choiceListOption(
			'variants',
			values.variants,
			Object.keys(RECEIVER_LABELS) as ReceiverKind[],
		),
		same: numberListOption('same', values.same),
	};
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** The burst table of one engine: a row per number in flight and receiver. */
async function burstTable(context: BurstContext, options: BurstOptions) {
	const { say } = context;
	const { callbacks, inFlight: inFlightCounts, variants } = options;
	// Warm up every route (JIT, first executions) before measuring.
	for (const kind of variants) await measureBurst(context, kind, 20, 50);
	say(
		`\n| receiver | in flight | accepted/s | answered within 10 s | p50 s | p99 s | first attempts done after s | all acknowledged after s | retries | lost | duplicated |`,
	);
	say('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	for (const inFlight of inFlightCounts) {
		const rates: Partial<Record<ReceiverKind, number>> = {};
		for (const kind of variants) {
			const r = await measureBurst(context, kind, inFlight, callbacks);
			rates[kind] = r.acceptedPerSecond;
			say(
				`| ${RECEIVER_LABELS[kind]} | ${inFlight} | ${r.acceptedPerSecond.toFixed(1)} | ${r.answered} of ${callbacks} | ${seconds(r.p50)} | ${seconds(r.p99)} | ${seconds(r.firstPhaseMs)} | ${seconds(r.drainedMs)} | ${r.retries} | ${r.lost} | ${r.duplicated} |`,
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
	const options = burstOptions(process.argv.slice(2));
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
		`Callbacks per run: ${options.callbacks}; request timeout ${REQUEST_TIMEOUT_MS / 1000} s; retries on Insider's schedule x ${options.timeScale} (the hour lasts ${options.timeScale * 60} min); executions not saved`,
	);

	for (const engine of options.engines) {
		const recorder = await startReceiver();
		const n8n = await startBurstN8n(install, engine, options.variants, recorder.url);
		const context: BurstContext = { n8n, recorder, timeScale: options.timeScale, say };
		say(`\n## Engine: ${engine === 'default' ? "n8n's default (isolated VM)" : engine}`);
		await burstTable(context, options);
		await measureSameCallback(context, options.same);
		await n8n.stop();
		await recorder.stop();
	}
	fs.writeFileSync('bench-burst-results.md', `${report.join('\n')}\n`);
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
