/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * `npm run bench`: figures for BENCHMARKS.md, all in one run of n8n 2.41.1 against the sandbox
 * (options: options.ts):
 *   1. throughput under Insider's 10 requests/second: our node, the HTTP Request node as n8n's
 *      docs suggest for rate-limited APIs, and a hand-built Code + HTTP Request batching;
 *   2. overhead without a limit: our node against the hand-built alternative, CPU of n8n;
 *   3. the trigger against n8n's Webhook node, 20 callbacks in flight;
 *   4. callback drain: the campaign example sent to N contacts while the delivery-log example
 *      takes their statuses as the sandbox posts them;
 *   5. scale series: our node at 1,000, 10,000 and 100,000 contacts at 100 requests per second;
 *   6. media fan-out: one 5 MB file from binary data to 1,000 contacts: uploads, time, memory;
 *   7. media download: one 100 MB file into n8n's binary data: time, memory.
 *   8. conversation latency of the AI assistant example, on each expression engine (conversation.ts).
 * With `--baseline REV` it runs only rows (a) and (a') of section 1, for REV's package and this
 * tree's, interleaved in the same run.
 */
import os from 'os';
import path from 'path';

import type { InsiderSandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { importDemo } from '../../dev/n8n/demo';
import type { N8nInstall } from '../../dev/n8n/n8nInstall';
import { ensureN8n, N8N_VERSIONS } from '../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../dev/n8n/n8nInstance';
import { buildRevision, compareWithBaseline, installPackageFrom } from './baseline';
import { conversationLatency } from './conversation';
import { campaignOf, drain } from './drain';
import type { Target } from './measure';
import { measureRun, Report } from './measure';
import { mediaDownload, mediaFanOut } from './media';
import type { BenchOptions } from './options';
import { readOptions, VARIANTS } from './options';
import { overhead, scaleSeries, throughput, triggers } from './sections';
import { CREDENTIAL, workflows } from './workflows';

const KEY = 'INS.bench-key';

/** An n8n with the bench's workflows (and the drain's, when wanted), started. */
async function startTarget(
	install: N8nInstall,
	sandbox: InsiderSandbox,
	options: BenchOptions,
	packageRoot?: string,
): Promise<Target> {
	const port = await freePort();
	const n8n = new N8nInstance(install, {
		port,
		env: {
			N8N_PAYLOAD_SIZE_MAX: '64',
			...(options.expressionEngine ? { N8N_EXPRESSION_ENGINE: options.expressionEngine } : {}),
		},
		nodeOptions: options.cpuProfileDir
			? `--cpu-prof --cpu-prof-dir=${path.resolve(options.cpuProfileDir)}`
			: undefined,
	});
	if (packageRoot) installPackageFrom(packageRoot, n8n.userFolder);
	await n8n.importCredentials([
		{ ...CREDENTIAL, type: 'insiderWhatsAppApi', data: { apiKey: KEY, baseUrl: sandbox.url } },
	]);
	await n8n.importWorkflows(workflows(sandbox.url));
	if (options.wanted('drain') && !options.baseline) {
		// The delivery-log example (active) and its credentials, plus the campaign at each size.
		const n8nUrl = `http://127.0.0.1:${port}`;
		await importDemo(n8n, { apiKey: KEY, baseUrl: sandbox.url }, n8nUrl);
		await n8n.importWorkflows(
			options.sizes.drainContacts.map((count) => campaignOf(n8nUrl, count)),
			false,
		);
	}
	await n8n.start();
	if (n8n.pid === undefined) throw new Error('n8n started without a process id');
	// n8n starts detached: its process id is its process group's, task runners included.
	return { n8n, sandbox, pgid: n8n.pid };
}

/** Warms n8n up (JIT, first executions of each workflow) before anything is measured. */
async function warmUp(target: Target, paths: string[]) {
	target.sandbox.configure({ rateLimitPerSecond: 0 });
	for (const path of paths) await measureRun(target, path, 200);
}

export async function main(): Promise<void> {
	const options = readOptions();
	const install = await ensureN8n(N8N_VERSIONS.v2);
	const sandbox = await startSandbox({ keys: [KEY], rateLimitPerSecond: 10, statusEvents: [] });
	const report = new Report();
	report.say(
		`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg()[0].toFixed(1)} at the start; bench Node ${process.version}; n8n ${install.spec.n8n} on Node ${install.spec.node}, expression engine ${options.expressionEngine ?? 'default'}; ${new Date().toISOString()}`,
	);
	report.say(`Sizes: ${JSON.stringify(options.sizes)}`);
	const targets: Target[] = [];
	try {
		if (options.baseline) {
			const revision = buildRevision(options.baseline);
			try {
				const builds = [
					{
						label: `baseline ${options.baseline} (${revision.commit})`,
						target: await startTarget(install, sandbox, options, revision.root),
					},
					{ label: 'this tree', target: await startTarget(install, sandbox, options) },
				];
				targets.push(...builds.map((b) => b.target));
				for (const { target } of builds) await warmUp(target, ['ours', 'oursContinueOnFail']);
				await compareWithBaseline(builds, options, report);
			} finally {
				revision.remove();
			}
		} else if (VARIANTS.every((v) => v === 'conversation' || !options.wanted(v))) {
			await conversationLatency(install, options, report);
		} else {
			const target = await startTarget(install, sandbox, options);
			targets.push(target);
			await warmUp(target, [
				'ours',
				'oursContinueOnFail',
				'codeBatches',
				'scale',
				'scaleContinueOnFail',
			]);
			await throughput(target, options, report);
			await overhead(target, options, report);
			await triggers(target, options, report);
			if (options.wanted('drain')) await drain(target, options, report);
			if (options.wanted('scale')) await scaleSeries(target, options, report);
			if (options.wanted('mediaFanOut')) await mediaFanOut(target, options, report);
			if (options.wanted('mediaDownload')) await mediaDownload(target, options, report, KEY);
			if (options.wanted('conversation')) await conversationLatency(install, options, report);
		}
		report.say(`\nLoad average at the end: ${os.loadavg()[0].toFixed(1)}`);
		report.write('bench-results.md');
	} finally {
		for (const target of targets) await target.n8n.stop();
		await sandbox.stop();
	}
}
