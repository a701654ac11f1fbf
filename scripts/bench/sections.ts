/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Sections 1, 2, 3 and 5 of the report: throughput under Insider's limit, overhead without a
 * limit, the trigger against n8n's Webhook node, and the scale series.
 */
import type { BenchOptions, Variant } from './options';
import type { Report, RunResult, Target } from './measure';
import { fmt, measureRun, stats } from './measure';

/** Section 1's variants: webhook path (the variant's name), label, messages per request. */
export const THROUGHPUT_VARIANTS = [
	['ours', '(a) Insider WhatsApp node, defaults', 50],
	['oursContinueOnFail', "(a') with Continue On Fail", 50],
	['httpPerMessage', '(b) HTTP Request, 1 message/request, batching 10/s', 1],
	['codeBatches', '(c) Code (50/request) + HTTP Request batching 10/s', 50],
] as const;

export const THROUGHPUT_HEADER = [
	'| variant | messages/request | physical limit (msg/s) | wall s | first request after s | msg/s | share of limit | sending phase msg/s | 429s seen | lost | duplicated |',
	'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];

/** One row of section 1's table from a variant's runs; returns its median msg/s. */
export function throughputRow(
	report: Report,
	label: string,
	perRequest: number,
	runs: RunResult[],
): number {
	const limit = 10 * perRequest;
	const rate = stats(runs.map((r) => r.perSecond));
	report.say(
		`| ${label} | ${perRequest} | ${limit} | ${fmt(stats(runs.map((r) => r.seconds)))} | ${fmt(stats(runs.map((r) => r.firstRequestSeconds)), 2)} | ${fmt(rate)} | ${((rate.median / limit) * 100).toFixed(0)}% | ${fmt(stats(runs.map((r) => r.sendingPerSecond)))} | ${runs.map((r) => r.tooMany).join('/')} | ${runs.map((r) => r.lost).join('/')} | ${runs.map((r) => r.duplicated).join('/')} |`,
	);
	return rate.median;
}

async function repeat(target: Target, path: string, count: number, times: number) {
	const runs: RunResult[] = [];
	for (let i = 0; i < times; i++) runs.push(await measureRun(target, path, count));
	return runs;
}

export async function throughput(target: Target, options: BenchOptions, report: Report) {
	const { sizes } = options;
	target.sandbox.configure({ rateLimitPerSecond: 10 });
	report.say('\n1. Throughput, sandbox limited to 10 requests/second');
	THROUGHPUT_HEADER.forEach((line) => report.say(line));
	const rates: Partial<Record<Variant, number>> = {};
	for (const [path, label, perRequest] of THROUGHPUT_VARIANTS) {
		if (!options.wanted(path)) continue;
		const runs = await repeat(target, path, sizes.contacts, sizes.repetitions);
		rates[path] = throughputRow(report, label, perRequest, runs);
	}
	const ratio = (a: Variant, b: Variant, label: string, digits = 2) => {
		if (rates[a] && rates[b])
			report.say(
				`Ratio ${label}: ${((rates[a] as number) / (rates[b] as number)).toFixed(digits)}x`,
			);
	};
	ratio('oursContinueOnFail', 'ours', "(a')/(a)");
	ratio('ours', 'httpPerMessage', '(a)/(b)', 1);
	ratio('ours', 'codeBatches', '(a)/(c)');
}

export async function overhead(target: Target, options: BenchOptions, report: Report) {
	const { sizes } = options;
	target.sandbox.configure({ rateLimitPerSecond: 0 });
	report.say('\n2. Overhead, sandbox without a limit');
	report.say('| variant | wall s | n8n CPU s | CPU ms per message | lost | duplicated |');
	report.say('| --- | --- | --- | --- | --- | --- |');
	const cpu: Partial<Record<Variant, number>> = {};
	for (const [path, label] of [
		['ours', '(a) Insider WhatsApp node, defaults'],
		['oursContinueOnFail', "(a') with Continue On Fail"],
		['codeBatches', '(c) Code + HTTP Request batching'],
	] as const) {
		if (!options.wanted(path)) continue;
		const runs = await repeat(target, path, sizes.overheadContacts, sizes.repetitions);
		const cpuStats = stats(runs.map((r) => r.cpu));
		cpu[path] = cpuStats.median;
		report.say(
			`| ${label} | ${fmt(stats(runs.map((r) => r.seconds)))} | ${fmt(cpuStats, 2)} | ${((cpuStats.median * 1000) / sizes.overheadContacts).toFixed(3)} | ${runs.map((r) => r.lost).join('/')} | ${runs.map((r) => r.duplicated).join('/')} |`,
		);
	}
	if (cpu.ours && cpu.codeBatches)
		report.say(`CPU ratio (a)/(c): ${(cpu.ours / cpu.codeBatches).toFixed(2)}`);
}

/** Posts `count` delivered-status callbacks to `url`, 20 in flight; returns callbacks/s. */
async function postCallbacks(url: string, count: number, label: string) {
	let next = 0;
	let failures = 0;
	const started = process.hrtime.bigint();
	const sender = async () => {
		while (next < count) {
			const i = next++;
			const body = {
				key: `whatsapp-bench-${label}-${i}`,
				status: 'delivered',
				timestamp: String(1750263773 + i),
			};
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
			});
			await response.text();
			if (!response.ok) failures++;
		}
	};
	await Promise.all(Array.from({ length: 20 }, sender));
	return { perSecond: count / (Number(process.hrtime.bigint() - started) / 1e9), failures };
}

export async function triggers(target: Target, options: BenchOptions, report: Report) {
	const { sizes } = options;
	report.say(`\n3. Callbacks: ${sizes.callbacks} posted, 20 in flight`);
	report.say('| receiver | accepted/s | non-2xx |');
	report.say('| --- | --- | --- |');
	const rates: Record<string, number> = {};
	for (const [url, label, variant] of [
		[`${target.n8n.url}/webhook/bench-trigger/webhook`, 'Insider WhatsApp Trigger', 'triggerOurs'],
		[`${target.n8n.url}/webhook/plain-webhook`, 'n8n Webhook node', 'triggerWebhook'],
	] as const) {
		if (!options.wanted(variant)) continue;
		// Repetition -1 warms the route up (JIT, first executions) and is not counted.
		const runs: number[] = [];
		let failures = 0;
		for (let rep = -1; rep < sizes.repetitions; rep++) {
			const result = await postCallbacks(url, sizes.callbacks, `${variant}-${rep}`);
			failures += result.failures;
			if (rep >= 0) runs.push(result.perSecond);
		}
		rates[variant] = stats(runs).median;
		report.say(`| ${label} | ${fmt(stats(runs))} | ${failures} |`);
	}
	if (rates.triggerOurs && rates.triggerWebhook)
		report.say(`Ratio trigger/webhook: ${(rates.triggerOurs / rates.triggerWebhook).toFixed(2)}`);
}

export async function scaleSeries(target: Target, options: BenchOptions, report: Report) {
	const { sizes } = options;
	target.sandbox.reset();
	target.sandbox.configure({ rateLimitPerSecond: 100, timeScale: 1, statusEvents: [] });
	const limit = 100 * 50;
	report.say(
		`\n5. Scale series: our node, sandbox limit and Requests Per Second both 100 (physical limit ${limit} msg/s)`,
	);
	report.say(
		'| contacts | Continue On Fail | wall s | first request after s | msg/s | share of limit | n8n CPU s | CPU ms per message | n8n peak RSS MiB | 429s seen | lost | duplicated |',
	);
	report.say('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	for (const count of sizes.scaleContacts) {
		for (const [path, continueOnFail] of [
			['scale', 'off'],
			['scaleContinueOnFail', 'on'],
		] as const) {
			const runs = await repeat(target, path, count, sizes.scaleRepetitions);
			const rate = stats(runs.map((r) => r.perSecond));
			const cpuStats = stats(runs.map((r) => r.cpu));
			report.say(
				`| ${count} | ${continueOnFail} | ${fmt(stats(runs.map((r) => r.seconds)))} | ${fmt(stats(runs.map((r) => r.firstRequestSeconds)), 2)} | ${fmt(rate, 0)} | ${((rate.median / limit) * 100).toFixed(0)}% | ${fmt(cpuStats, 2)} | ${((cpuStats.median * 1000) / count).toFixed(3)} | ${fmt(stats(runs.map((r) => r.peakRss)), 0)} | ${runs.map((r) => r.tooMany).join('/')} | ${runs.map((r) => r.lost).join('/')} | ${runs.map((r) => r.duplicated).join('/')} |`,
			);
		}
	}
}
