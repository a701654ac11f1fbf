/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Section 4, the callback drain: the campaign example sent to N contacts while the delivery-log
 * example takes their statuses (accepted, sent, delivered, read) as the sandbox posts them.
 */
import os from 'os';

import type { InsiderSandbox } from '../../sandbox/server';
import { CALLBACK_RETRY_MINUTES } from '../../sandbox/options';
import { callbackOutcomes } from '../../dev/callbackTime';
import { waitFor } from '../../dev/wait';
import { exampleWorkflows } from '../../dev/n8n/examples';
import type { N8nInstance } from '../../dev/n8n/n8nInstance';
import type { BenchOptions } from './options';
import type { Report, Target } from './measure';
import { fmt, stats } from './measure';

/** The campaign example with its contact list resized from 120 to `count`. */
export function campaignOf(n8nUrl: string, count: number) {
	const example = exampleWorkflows(n8nUrl).find((e) => e.workflow.id === 'exampleCampaign');
	if (!example) throw new Error('examples/ has no workflow with id exampleCampaign');
	const text = JSON.stringify(example.workflow);
	if (!text.includes('length: 120'))
		throw new Error('the campaign example no longer builds its list with `length: 120`');
	return {
		...JSON.parse(text.replace('length: 120', `length: ${count}`)),
		id: `benchDrain${count}`,
		name: `Bench drain ${count}`,
	};
}

interface DrainResult {
	seconds: number;
	perSecond: number;
	/** Attempts not answered with a 2xx, by status code or error. */
	failedAttempts: Record<string, number>;
	mostRetries: number;
	lost: number;
	/** Executions the delivery log started: one per status when nothing is duplicated. */
	logExecutions: number;
	/** The machine's 1-minute load average when the run ended. */
	load: number;
}

/**
 * Sends the campaign through n8n's CLI, as the examples test does, and watches the sandbox's
 * callback attempts until every status has a 200 or has used up Insider's retries.
 */
async function drainCampaign(
	n8n: N8nInstance,
	sandbox: InsiderSandbox,
	count: number,
): Promise<DrainResult> {
	sandbox.reset();
	const expected = count * 4;
	const logBefore = await n8n.executionCount('exampleDeliveryLog');
	const settled = () => {
		const { answered, gaveUp } = callbackOutcomes(sandbox.callbackAttempts);
		return { answered: answered.size, done: answered.size + gaveUp.size >= expected };
	};
	// Polled while the CLI runs: the statuses may all be answered before it exits.
	let doneAt = 0;
	const watcher = setInterval(() => {
		if (!doneAt && settled().done) doneAt = Date.now();
	}, 20);
	try {
		await n8n.cli(['execute', `--id=benchDrain${count}`]);
		const horizonMs =
			CALLBACK_RETRY_MINUTES[CALLBACK_RETRY_MINUTES.length - 1] *
			60_000 *
			sandbox.options.timeScale;
		const deadline = Date.now() + 4 * horizonMs + 120_000;
		// Until every status is answered or given up, or the deadline: a drain that never ends is reported.
		await waitFor(
			() => doneAt > 0 || Date.now() >= deadline,
			deadline - Date.now() + 1000,
			'the drain',
			{
				intervalMs: 100,
			},
		);
	} finally {
		clearInterval(watcher);
	}
	const attempts = sandbox.callbackAttempts;
	const firstAt = Math.min(...attempts.map((a) => Date.parse(a.at)));
	const seconds = ((doneAt || Date.now()) - firstAt) / 1000;
	const failedAttempts: Record<string, number> = {};
	for (const a of attempts) {
		if (a.statusCode !== undefined && a.statusCode >= 200 && a.statusCode < 300) continue;
		const reason = a.statusCode !== undefined ? `HTTP ${a.statusCode}` : (a.error ?? 'no answer');
		failedAttempts[reason] = (failedAttempts[reason] ?? 0) + 1;
	}
	const { answered } = settled();
	// n8n answers before it runs the workflow: wait until the log's executions stop appearing.
	let logCount = await n8n.executionCount('exampleDeliveryLog');
	let unchangedSince = Date.now();
	await waitFor(
		async () => {
			const now = await n8n.executionCount('exampleDeliveryLog');
			if (now !== logCount) [logCount, unchangedSince] = [now, Date.now()];
			return Date.now() - unchangedSince >= 10_000;
		},
		30 * 60_000,
		"the delivery log's executions to stop appearing for 10 s",
		{ intervalMs: 1000 },
	);
	return {
		seconds,
		perSecond: answered / seconds,
		failedAttempts,
		mostRetries: Math.max(0, ...attempts.filter((a) => a.statusCode === 200).map((a) => a.attempt)),
		lost: expected - answered,
		logExecutions: logCount - logBefore,
		load: os.loadavg()[0],
	};
}

/** Section 4's table: each size of `--drain-contacts`, `--repetitions` times. */
export async function drain({ n8n, sandbox }: Target, options: BenchOptions, report: Report) {
	const { sizes } = options;
	const say = (line = '') => report.say(line);
	const scale = sizes.drainTimeScale;
	const minuteSeconds = 60 * scale;
	sandbox.configure({
		rateLimitPerSecond: 10,
		timeScale: scale,
		eventIntervalMs: 20,
		statusEvents: ['sent', 'delivered', 'read'],
	});
	say(
		`\n4. Callback drain: the campaign example at N contacts, 4 statuses each to the delivery-log example; time scale ${scale.toPrecision(3)} (first retry after ${minuteSeconds.toFixed(2)} s, last after ${(CALLBACK_RETRY_MINUTES[CALLBACK_RETRY_MINUTES.length - 1] * minuteSeconds).toFixed(1)} s)`,
	);
	say(
		'| contacts | callbacks | drain s (first attempt to last 200) | callbacks/s | failed attempts | most retries of one status | lost | log executions | load average |',
	);
	say('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	// A first campaign warms the trigger's route up (JIT, first executions) and is not counted.
	await drainCampaign(n8n, sandbox, sizes.drainContacts[0]);
	for (const count of sizes.drainContacts) {
		const runs: DrainResult[] = [];
		for (let i = 0; i < sizes.repetitions; i++) runs.push(await drainCampaign(n8n, sandbox, count));
		const failures = runs.map((r) =>
			Object.entries(r.failedAttempts)
				.map(([reason, n]) => `${n}× ${reason}`)
				.join(', '),
		);
		say(
			`| ${count} | ${count * 4} | ${fmt(stats(runs.map((r) => r.seconds)))} | ${fmt(stats(runs.map((r) => r.perSecond)))} | ${failures.map((f) => f || '0').join(' / ')} | ${runs.map((r) => r.mostRetries).join('/')} | ${runs.map((r) => r.lost).join('/')} | ${runs.map((r) => r.logExecutions).join('/')} | ${runs.map((r) => r.load.toFixed(1)).join('/')} |`,
		);
	}
}
