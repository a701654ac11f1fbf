/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * `npm run bench`: figures for BENCHMARKS.md, all in one run of n8n 2.41.1 against the sandbox.
 *   1. throughput under Insider's 10 requests/second: our node, the HTTP Request node as n8n's
 *      docs suggest for rate-limited APIs, and a hand-built Code + HTTP Request batching;
 *   2. overhead without a limit: our node against the hand-built alternative, CPU of n8n;
 *   3. the trigger against n8n's Webhook node, 20 callbacks in flight;
 *   4. callback drain: the campaign example sent to N contacts while the delivery-log example
 *      takes their statuses (accepted, sent, delivered, read) as the sandbox posts them.
 * Sizes: --contacts 5000 --overhead-contacts 10000 --callbacks 2000 --repetitions 3
 *   5. scale series: our node at 1,000, 10,000 and 100,000 contacts with the sandbox's limit and
 *      Requests Per Second both at 100 (wall time, CPU, peak memory of n8n), with and without
 *      Continue On Fail.
 * Sizes: --contacts 5000 --overhead-contacts 10000 --callbacks 2000 --repetitions 3
 * --drain-contacts 120,500 --scale-contacts 1000,10000,100000 --scale-repetitions 1 (defaults).
 * `--drain-time-scale` sets the sandbox's retry schedule for section 4 (default: the end-to-end
 * tests' scale).
 * Variants for `--only`: ours, oursContinueOnFail, httpPerMessage, codeBatches, triggerOurs,
 * triggerWebhook, drain, scale.
 * `--only drain` runs section 4 alone (with the warm-up).
 * `--expression-engine legacy` runs n8n with N8N_EXPRESSION_ENGINE=legacy instead of its default
 * (the isolated VM), to show how much of a figure is n8n's expression engine.
 * `--cpu-profile DIR` writes V8 CPU profiles of n8n's processes into DIR when n8n stops (open
 * them in Chrome DevTools); that is how the costs explained in BENCHMARKS.md were found.
 */
import axios from 'axios';
import fs from 'fs';
import os from 'os';
import path from 'path';

import type { InsiderSandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import { CALLBACK_RETRY_MINUTES } from '../sandbox/options';
import { callbackOutcomes, E2E_TIME_SCALE } from '../test/e2e/harness/callbackTime';
import { importDemo } from '../dev/n8n/demo';
import { exampleWorkflows } from '../dev/n8n/examples';
import { ensureN8n, N8N_VERSIONS } from '../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../dev/n8n/n8nInstance';

const KEY = 'INS.bench-key';
const PKG = 'n8n-nodes-insider-whatsapp';
const CREDENTIAL = { id: 'benchInsider', name: 'Insider sandbox (bench)' };

/** The value after `--name` on the command line, if given. */
function stringArg(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

function arg(name: string, fallback: number): number {
	const value = stringArg(name);
	return value !== undefined ? Number(value) : fallback;
}

/** `--only ours,codeBatches` limits the run to some variants (for a quick look; not for BENCHMARKS.md). */
const onlyList = stringArg('only');
const ONLY = onlyList === undefined ? undefined : new Set(onlyList.split(','));
const wanted = (variant: string) => !ONLY || ONLY.has(variant);

const EXPRESSION_ENGINE = stringArg('expression-engine');
const CPU_PROFILE_DIR = stringArg('cpu-profile');

const SIZES = {
	contacts: arg('contacts', 5000),
	overheadContacts: arg('overhead-contacts', 10000),
	callbacks: arg('callbacks', 2000),
	repetitions: arg('repetitions', 3),
	drainContacts: (stringArg('drain-contacts') ?? '120,500').split(',').map(Number),
	drainTimeScale: arg('drain-time-scale', E2E_TIME_SCALE),
	scaleContacts: (stringArg('scale-contacts') ?? '1000,10000,100000').split(',').map(Number),
	scaleRepetitions: arg('scale-repetitions', 1),
};

function webhookNode(path: string, responseMode = 'lastNode') {
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: `bench-${path}`,
		parameters: { httpMethod: 'POST', path, responseMode, responseData: 'noData', options: {} },
	};
}
const splitOut = {
	name: 'Split Out',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'body.contacts', options: {} },
};

function chainWorkflow(id: string, nodes: Array<Record<string, unknown> & { name: string }>) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name: id,
		active: false,
		settings: {
			executionOrder: 'v1',
			saveDataSuccessExecution: 'none',
			saveExecutionProgress: false,
		},
		connections,
		nodes: nodes.map((node, i) => ({ id: `${id}-${i}`, position: [i * 220, 0], ...node })),
	};
}

const httpRequest = (body: string, batching: boolean) => ({
	name: 'HTTP Request',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	credentials: { insiderWhatsAppApi: CREDENTIAL },
	parameters: {
		method: 'POST',
		url: 'SANDBOX_URL/v1/conversational/send',
		authentication: 'predefinedCredentialType',
		nodeCredentialType: 'insiderWhatsAppApi',
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'User-Agent', value: 'n8n-bench' }] },
		sendBody: true,
		specifyBody: 'json',
		jsonBody: body,
		options: batching ? { batching: { batch: { batchSize: 10, batchInterval: 1000 } } } : {},
	},
});

function workflows(sandboxUrl: string) {
	const ours = (id: string, requestsPerSecond: number, continueOnFail = false) =>
		chainWorkflow(id, [
			webhookNode(id),
			splitOut,
			{
				name: 'Insider WhatsApp',
				type: `${PKG}.insiderWhatsApp`,
				typeVersion: 1,
				credentials: { insiderWhatsAppApi: CREDENTIAL },
				...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
				parameters: {
					resource: 'message',
					operation: 'sendQuickReply',
					phoneNumber: '={{ $json.phone }}',
					headerType: 'none',
					bodyText: '=Hi {{ $json.name }}, would you like delivery updates on WhatsApp?',
					buttons: {
						button: [
							{ id: 'updates_yes', title: 'Yes please' },
							{ id: 'updates_no', title: 'No thanks' },
						],
					},
					options: requestsPerSecond === 10 ? {} : { requestsPerSecond },
				},
			},
		]);
	// One message per request, the way a user would write it in the HTTP Request node.
	const perMessageBody =
		"={{ JSON.stringify({ messages: [{ phoneNumber: $json.phone, message: { type: 'interactive', interactive: { type: 'button', body: { text: 'Hi ' + $json.name + ', would you like delivery updates on WhatsApp?' }, action: { buttons: [{ type: 'reply', reply: { id: 'updates_yes', title: 'Yes please' } }, { type: 'reply', reply: { id: 'updates_no', title: 'No thanks' } }] } } } }] }) }}";
	const chunkCode = `// Build Insider requests of 50 messages each.\nconst items = $input.all();\nconst out = [];\nfor (let i = 0; i < items.length; i += 50) {\n  out.push({ json: { messages: items.slice(i, i + 50).map(({ json }) => ({ phoneNumber: json.phone, message: { type: 'interactive', interactive: { type: 'button', body: { text: 'Hi ' + json.name + ', would you like delivery updates on WhatsApp?' }, action: { buttons: [{ type: 'reply', reply: { id: 'updates_yes', title: 'Yes please' } }, { type: 'reply', reply: { id: 'updates_no', title: 'No thanks' } }] } } } })) } });\n}\nreturn out;`;
	const list = [
		ours('ours', 10),
		ours('oursContinueOnFail', 10, true),
		ours('scale', 100),
		ours('scaleContinueOnFail', 100, true),
		chainWorkflow('httpPerMessage', [
			webhookNode('httpPerMessage'),
			splitOut,
			httpRequest(perMessageBody, true),
		]),
		chainWorkflow('codeBatches', [
			webhookNode('codeBatches'),
			splitOut,
			{
				name: 'Build requests',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: chunkCode },
			},
			httpRequest('={{ JSON.stringify($json) }}', true),
		]),
		{
			...chainWorkflow('triggerOurs', [
				{
					name: 'Insider WhatsApp Trigger',
					type: `${PKG}.insiderWhatsAppTrigger`,
					typeVersion: 1,
					webhookId: 'bench-trigger',
					parameters: { authentication: 'none', options: {} },
				},
				{ name: 'No Op', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
			]),
		},
		chainWorkflow('triggerWebhook', [
			{ ...webhookNode('plain-webhook', 'onReceived') },
			{ name: 'No Op', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
		]),
	];
	return JSON.parse(JSON.stringify(list).split('SANDBOX_URL').join(sandboxUrl));
}

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
const stats = (values: number[]) => ({
	median: median(values),
	min: Math.min(...values),
	max: Math.max(...values),
});
const fmt = (s: { median: number; min: number; max: number }, digits = 1) =>
	`${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

/** The campaign example with its contact list resized from 120 to `count`. */
function campaignOf(n8nUrl: string, count: number) {
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
		while (!doneAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
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
	for (let stable = 0; stable < 10; ) {
		await new Promise((r) => setTimeout(r, 1000));
		const now = await n8n.executionCount('exampleDeliveryLog');
		stable = now === logCount ? stable + 1 : 0;
		logCount = now;
	}
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

async function main() {
	const install = await ensureN8n(N8N_VERSIONS.v2);
	const sandbox: InsiderSandbox = await startSandbox({
		keys: [KEY],
		rateLimitPerSecond: 10,
		statusEvents: [],
	});
	const port = await freePort();
	const n8n = new N8nInstance(install, {
		port,
		env: {
			N8N_PAYLOAD_SIZE_MAX: '64',
			...(EXPRESSION_ENGINE ? { N8N_EXPRESSION_ENGINE: EXPRESSION_ENGINE } : {}),
		},
		nodeOptions: CPU_PROFILE_DIR
			? `--cpu-prof --cpu-prof-dir=${path.resolve(CPU_PROFILE_DIR)}`
			: undefined,
	});
	await n8n.importCredentials([
		{ ...CREDENTIAL, type: 'insiderWhatsAppApi', data: { apiKey: KEY, baseUrl: sandbox.url } },
	]);
	await n8n.importWorkflows(workflows(sandbox.url));
	if (wanted('drain')) {
		// The delivery-log example (active) and its credentials, plus the campaign at each size.
		const n8nUrl = `http://127.0.0.1:${port}`;
		await importDemo(n8n, { apiKey: KEY, baseUrl: sandbox.url }, n8nUrl);
		await n8n.importWorkflows(
			SIZES.drainContacts.map((count) => campaignOf(n8nUrl, count)),
			false,
		);
	}
	await n8n.start();
	const pgid = (n8n as unknown as { process: { pid: number } }).process.pid;
	const contacts = (count: number, offset = 0) =>
		Array.from({ length: count }, (_, i) => ({
			phone: `+1555${String(1000000 + offset + i)}`,
			name: `Contact ${i}`,
		}));

	async function run(path: string, count: number) {
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

	const report: string[] = [];
	const say = (line = '') => {
		console.log(line);
		report.push(line);
	};
	say(
		`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; bench Node ${process.version}; n8n ${install.spec.n8n} on Node ${install.spec.node}, expression engine ${EXPRESSION_ENGINE ?? 'default'}; ${new Date().toISOString()}`,
	);
	say(`Sizes: ${JSON.stringify(SIZES)}`);

	// Warm n8n up (JIT, first executions of each workflow) before anything is measured.
	sandbox.configure({ rateLimitPerSecond: 0 });
	for (const path of ['ours', 'oursContinueOnFail', 'codeBatches', 'scale', 'scaleContinueOnFail'])
		await run(path, 200);

	// 1. Throughput under the limit.
	sandbox.configure({ rateLimitPerSecond: 10 });
	say('\n1. Throughput, sandbox limited to 10 requests/second');
	say(
		'| variant | messages/request | physical limit (msg/s) | wall s | first request after s | msg/s | share of limit | sending phase msg/s | 429s seen | lost | duplicated |',
	);
	say('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	const throughput: Record<string, number> = {};
	for (const [path, label, perRequest] of [
		['ours', '(a) Insider WhatsApp node, defaults', 50],
		['oursContinueOnFail', '(a) with Continue On Fail', 50],
		['httpPerMessage', '(b) HTTP Request, 1 message/request, batching 10/s', 1],
		['codeBatches', '(c) Code (50/request) + HTTP Request batching 10/s', 50],
	] as const) {
		if (!wanted(path)) continue;
		const runs = [];
		for (let i = 0; i < SIZES.repetitions; i++) runs.push(await run(path, SIZES.contacts));
		const limit = 10 * perRequest;
		const rate = stats(runs.map((r) => r.perSecond));
		throughput[path] = rate.median;
		say(
			`| ${label} | ${perRequest} | ${limit} | ${fmt(stats(runs.map((r) => r.seconds)))} | ${fmt(stats(runs.map((r) => r.firstRequestSeconds)), 2)} | ${fmt(rate)} | ${((rate.median / limit) * 100).toFixed(0)}% | ${fmt(stats(runs.map((r) => r.sendingPerSecond)))} | ${runs.map((r) => r.tooMany).join('/')} | ${runs.map((r) => r.lost).join('/')} | ${runs.map((r) => r.duplicated).join('/')} |`,
		);
	}
	if (throughput.ours && throughput.oursContinueOnFail)
		say(
			`Ratio (a) with Continue On Fail/(a): ${(throughput.oursContinueOnFail / throughput.ours).toFixed(2)}x`,
		);
	if (throughput.ours && throughput.httpPerMessage)
		say(`Ratio (a)/(b): ${(throughput.ours / throughput.httpPerMessage).toFixed(1)}x`);
	if (throughput.ours && throughput.codeBatches)
		say(`Ratio (a)/(c): ${(throughput.ours / throughput.codeBatches).toFixed(2)}x`);

	// 2. Overhead without a limit.
	sandbox.configure({ rateLimitPerSecond: 0 });
	say('\n2. Overhead, sandbox without a limit');
	say('| variant | wall s | n8n CPU s | CPU ms per message | lost | duplicated |');
	say('| --- | --- | --- | --- | --- | --- |');
	const cpu: Record<string, number> = {};
	for (const [path, label] of [
		['ours', '(a) Insider WhatsApp node, defaults'],
		['oursContinueOnFail', '(a) with Continue On Fail'],
		['codeBatches', '(c) Code + HTTP Request batching'],
	] as const) {
		if (!wanted(path)) continue;
		const runs = [];
		for (let i = 0; i < SIZES.repetitions; i++) runs.push(await run(path, SIZES.overheadContacts));
		const cpuStats = stats(runs.map((r) => r.cpu));
		cpu[path] = cpuStats.median;
		say(
			`| ${label} | ${fmt(stats(runs.map((r) => r.seconds)))} | ${fmt(cpuStats, 2)} | ${((cpuStats.median * 1000) / SIZES.overheadContacts).toFixed(3)} | ${runs.map((r) => r.lost).join('/')} | ${runs.map((r) => r.duplicated).join('/')} |`,
		);
	}
	if (cpu.ours && cpu.codeBatches)
		say(`CPU ratio (a)/(c): ${(cpu.ours / cpu.codeBatches).toFixed(2)}`);

	// 3. The trigger against the Webhook node.
	say(`\n3. Callbacks: ${SIZES.callbacks} posted, 20 in flight`);
	say('| receiver | accepted/s | non-2xx |');
	say('| --- | --- | --- |');
	const rates: Record<string, number> = {};
	for (const [url, label] of [
		[`${n8n.url}/webhook/bench-trigger/webhook`, 'Insider WhatsApp Trigger'],
		[`${n8n.url}/webhook/plain-webhook`, 'n8n Webhook node'],
	] as const) {
		if (!wanted(label.startsWith('Insider') ? 'triggerOurs' : 'triggerWebhook')) continue;
		const runs: number[] = [];
		let failures = 0;
		// Repetition 0 warms the route up (JIT, first executions) and is not counted.
		for (let rep = -1; rep < SIZES.repetitions; rep++) {
			let next = 0;
			const started = process.hrtime.bigint();
			const worker = async () => {
				while (next < SIZES.callbacks) {
					const i = next++;
					const body = {
						key: `whatsapp-bench-${rep}-${i}`,
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
			await Promise.all(Array.from({ length: 20 }, worker));
			if (rep >= 0) runs.push(SIZES.callbacks / (Number(process.hrtime.bigint() - started) / 1e9));
		}
		rates[label] = median(runs);
		say(`| ${label} | ${fmt(stats(runs))} | ${failures} |`);
	}
	if (rates['Insider WhatsApp Trigger'] && rates['n8n Webhook node']) {
		say(
			`Ratio trigger/webhook: ${(rates['Insider WhatsApp Trigger'] / rates['n8n Webhook node']).toFixed(2)}`,
		);
	}

	// 4. Callback drain.
	if (wanted('drain')) {
		const scale = SIZES.drainTimeScale;
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
		await drainCampaign(n8n, sandbox, SIZES.drainContacts[0]);
		for (const count of SIZES.drainContacts) {
			const runs: DrainResult[] = [];
			for (let i = 0; i < SIZES.repetitions; i++)
				runs.push(await drainCampaign(n8n, sandbox, count));
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

	// 5. How cost grows with the campaign's size.
	if (wanted('scale')) {
		sandbox.reset();
		sandbox.configure({ rateLimitPerSecond: 100, timeScale: 1, statusEvents: [] });
		const limit = 100 * 50;
		say(
			`\n5. Scale series: our node, sandbox limit and Requests Per Second both 100 (physical limit ${limit} msg/s)`,
		);
		say(
			'| contacts | Continue On Fail | wall s | first request after s | msg/s | share of limit | n8n CPU s | CPU ms per message | n8n peak RSS MiB | 429s seen | lost | duplicated |',
		);
		say('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
		for (const count of SIZES.scaleContacts) {
			for (const [path, continueOnFail] of [
				['scale', 'off'],
				['scaleContinueOnFail', 'on'],
			] as const) {
				const runs = [];
				for (let i = 0; i < SIZES.scaleRepetitions; i++) runs.push(await run(path, count));
				const rate = stats(runs.map((r) => r.perSecond));
				const cpuStats = stats(runs.map((r) => r.cpu));
				say(
					`| ${count} | ${continueOnFail} | ${fmt(stats(runs.map((r) => r.seconds)))} | ${fmt(stats(runs.map((r) => r.firstRequestSeconds)), 2)} | ${fmt(rate, 0)} | ${((rate.median / limit) * 100).toFixed(0)}% | ${fmt(cpuStats, 2)} | ${((cpuStats.median * 1000) / count).toFixed(3)} | ${fmt(stats(runs.map((r) => r.peakRss)), 0)} | ${runs.map((r) => r.tooMany).join('/')} | ${runs.map((r) => r.lost).join('/')} | ${runs.map((r) => r.duplicated).join('/')} |`,
				);
			}
		}
	}

	fs.writeFileSync('bench-results.md', `${report.join('\n')}\n`);
	await n8n.stop();
	await sandbox.stop();
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
