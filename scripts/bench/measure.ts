/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * One measured campaign: POST the contacts to a workflow's webhook and time it, with the CPU
 * and peak memory of n8n's process group and what the sandbox saw; and the statistics the
 * tables print.
 */
import axios from 'axios';
import fs from 'fs';

import type { InsiderSandbox } from '../../sandbox/server';
import type { N8nInstance } from '../../dev/n8n/n8nInstance';

/**
 * Adds up `measure` over every process of n8n's process group (n8n and its task runners), given
 * each process's /proc entry and the fields of its stat line after the command name.
 */
function sumOverGroup(pgid: number, measure: (entry: string, statFields: string[]) => number) {
	let total = 0;
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) !== pgid) continue;
			total += measure(entry, fields);
		} catch {
			/* the process ended meanwhile */
		}
	}
	return total;
}

/** CPU seconds used so far by n8n's process group (user + system, 100 ticks per second). */
const groupCpuSeconds = (pgid: number) =>
	sumOverGroup(pgid, (_entry, fields) => (Number(fields[11]) + Number(fields[12])) / 100);

/** Resident memory (MiB) of n8n's process group, added up. */
const groupRssMiB = (pgid: number) =>
	sumOverGroup(pgid, (entry) => {
		const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'));
		return rss ? Number(rss[1]) / 1024 : 0;
	});

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export interface Stats {
	median: number;
	min: number;
	max: number;
}

export const stats = (values: number[]): Stats => ({
	median: median(values),
	min: Math.min(...values),
	max: Math.max(...values),
});

/** `median (min–max)`. */
export const fmt = (s: Stats, digits = 1) =>
	`${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

/** `count` contacts with distinct phone numbers. */
export const contacts = (count: number) =>
	Array.from({ length: count }, (_, i) => ({
		phone: `+1555${String(1000000 + i)}`,
		name: `Contact ${i}`,
	}));

export interface RunResult {
	status: number;
	seconds: number;
	firstRequestSeconds: number;
	peakRss: number;
	cpu: number;
	perSecond: number;
	sendingPerSecond: number;
	tooMany: number;
	requests: number;
	lost: number;
	duplicated: number;
}

/** An n8n under test, the sandbox it sends to, and its process group. */
export interface Target {
	n8n: N8nInstance;
	sandbox: InsiderSandbox;
	pgid: number;
}

/** Runs the workflow behind webhook `path` for `count` contacts and measures it. */
export async function measureRun(
	{ n8n, sandbox, pgid }: Target,
	path: string,
	count: number,
): Promise<RunResult> {
	// Our rate limiter is shared per API key across executions: let the last run's second pass.
	await new Promise((resolve) => setTimeout(resolve, 1100));
	sandbox.reset();
	const cpuBefore = groupCpuSeconds(pgid);
	let peakRss = groupRssMiB(pgid);
	const rssSampler = setInterval(() => {
		peakRss = Math.max(peakRss, groupRssMiB(pgid));
	}, 250);
	const startedAt = Date.now();
	const started = process.hrtime.bigint();
	// axios, not fetch: the HTTP Request variant answers after minutes, past fetch's header timeout.
	const response = await axios.post(
		`${n8n.url}/webhook/${path}`,
		{ contacts: contacts(count) },
		{ timeout: 0, validateStatus: () => true },
	);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	clearInterval(rssSampler);
	peakRss = Math.max(peakRss, groupRssMiB(pgid));
	const cpu = groupCpuSeconds(pgid) - cpuBefore;
	const phones = sandbox.messages.map((m) => m.phoneNumber);
	// The sending phase alone: first request to last accepted answer, as the sandbox saw them.
	const accepted = sandbox.requests
		.filter((r) => r.statusCode === 200)
		.map((r) => Date.parse(r.at));
	const sendingSeconds =
		accepted.length > 1 ? (Math.max(...accepted) - Math.min(...accepted)) / 1000 : seconds;
	const distinct = new Set(phones).size;
	// Before the first request n8n evaluates every item's expressions (and the node checks them).
	const firstRequestSeconds = sandbox.requests.length
		? (Math.min(...sandbox.requests.map((r) => Date.parse(r.at))) - startedAt) / 1000
		: seconds;
	return {
		status: response.status,
		seconds,
		firstRequestSeconds,
		peakRss,
		cpu,
		perSecond: distinct / seconds,
		sendingPerSecond: distinct / Math.max(sendingSeconds, 0.001),
		tooMany: sandbox.requests.filter((r) => r.statusCode === 429).length,
		requests: sandbox.requests.filter((r) => r.statusCode === 200).length,
		lost: count - distinct,
		duplicated: phones.length - distinct,
	};
}

/** The report: printed as it goes and kept for bench-results.md. */
export class Report {
	readonly lines: string[] = [];

	say(line = ''): void {
		process.stdout.write(`${line}\n`);
		this.lines.push(line);
	}

	write(file: string): void {
		fs.writeFileSync(file, `${this.lines.join('\n')}\n`);
	}
}
