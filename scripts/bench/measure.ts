/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * One measured run: POST a body (the contacts, or a file) to a workflow's webhook and time it,
 * with the CPU and peak memory of n8n's process group and what the sandbox saw; and the
 * statistics the tables print.
 */
import axios from 'axios';
import fs from 'fs';

import type { InsiderSandbox } from '../../sandbox/server';
import type { N8nInstance } from '../../dev/n8n/n8nInstance';
import { groupCpuSeconds, groupPeakRssMiB, groupRssMiB, resetGroupPeakRss } from '../../dev/procfs';
import { waitFor } from '../../dev/wait';

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

/**
 * Our rate limiter is shared per API key across executions (and the sandbox's window is per
 * key too): waits until a second has passed since the last request the sandbox saw, so each run
 * starts with a full window.
 */
async function limiterWindowPassed(sandbox: InsiderSandbox) {
	const last = sandbox.requests.at(-1);
	const lastAt = last ? Date.parse(last.at) : 0;
	await waitFor(() => Date.now() - lastAt > 1100, 5000, "the rate limiter's window", {
		intervalMs: 50,
	});
}

export interface MeasuredPost {
	status: number;
	data: unknown;
	/** Date.now() when the request left. */
	startedAt: number;
	seconds: number;
	/** n8n's CPU seconds during the run. */
	cpu: number;
	/** n8n's RSS just before the run, and the highest sampled every 100 ms during it (MiB). */
	rssBefore: number;
	peakRss: number;
	/** The kernel's peak RSS during the run (MiB): NaN where it cannot be reset. */
	kernelPeakRss: number;
}

export interface PostOptions {
	headers?: Record<string, string>;
	/** Keep the sandbox's records and uploads (a download needs the file uploaded before). */
	keepSandbox?: boolean;
}

/**
 * Posts `body` to the workflow behind webhook `path` (after the limiter's window, with the
 * sandbox reset unless kept) and measures the run: time, n8n's CPU and peak memory.
 */
export async function measuredPost(
	{ n8n, sandbox, pgid }: Target,
	path: string,
	body: unknown,
	{ headers = {}, keepSandbox = false }: PostOptions = {},
): Promise<MeasuredPost> {
	await limiterWindowPassed(sandbox);
	if (!keepSandbox) sandbox.reset();
	const cpuBefore = groupCpuSeconds(pgid);
	const rssBefore = groupRssMiB(pgid);
	const kernelPeak = resetGroupPeakRss(pgid);
	let peakRss = rssBefore;
	const rssSampler = setInterval(() => {
		peakRss = Math.max(peakRss, groupRssMiB(pgid));
	}, 100);
	const startedAt = Date.now();
	const started = process.hrtime.bigint();
	// axios, not fetch: the HTTP Request variant answers after minutes, past fetch's header timeout.
	const response = await axios.post(`${n8n.url}/webhook/${path}`, body, {
		headers,
		timeout: 0,
		validateStatus: () => true,
		maxBodyLength: Infinity,
	});
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	clearInterval(rssSampler);
	return {
		status: response.status,
		data: response.data,
		startedAt,
		seconds,
		cpu: groupCpuSeconds(pgid) - cpuBefore,
		rssBefore,
		peakRss: Math.max(peakRss, groupRssMiB(pgid)),
		kernelPeakRss: kernelPeak ? groupPeakRssMiB(pgid) : Number.NaN,
	};
}

/** Runs the workflow behind webhook `path` for `count` contacts and measures it. */
export async function measureRun(target: Target, path: string, count: number): Promise<RunResult> {
	const { sandbox } = target;
	const { status, startedAt, seconds, cpu, peakRss } = await measuredPost(target, path, {
		contacts: contacts(count),
	});
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
		status,
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
