/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Section 8: conversation latency of the AI assistant example (`examples/ai-assistant.json`, as
 * `npm start --openai-key` imports it). N contacts write at once, for R rounds (a round starts
 * when every contact has its answer); the model server answers after a fixed delay. Measured at
 * the sandbox, from the moment it records the contact's message (just before it POSTs it to the
 * trigger) to the read receipt with the typing indicator, and to the answer quoting the message.
 * Each expression engine gets its own n8n: the default one, then N8N_EXPRESSION_ENGINE=legacy
 * (or only the engine `--expression-engine` names). `--conversation-rps` other than Insider's
 * default 10 sets the sandbox's limit and the example's Requests Per Second (in n8n's copy only),
 * to show what n8n costs beyond the key's limit.
 */
import os from 'os';
import path from 'path';

import type { InsiderSandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import type { ModelServer } from '../../dev/modelServer/server';
import { startModelServer } from '../../dev/modelServer/server';
import { CONVERSATIONAL_WEBHOOKS, demoWebhook, importDemo } from '../../dev/n8n/demo';
import type { N8nInstall } from '../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../dev/n8n/n8nInstance';
import { groupCpuSeconds } from '../../dev/procfs';
import { waitFor } from '../../dev/wait';
import type { Report } from './measure';
import type { BenchOptions } from './options';

const KEY = 'INS.conversation-bench-key';
const MODEL_KEY = 'sk-conversation-bench';
const DEFAULT_ENGINE = 'default';
const ASSISTANT = 'exampleAiAssistant';
const INSIDER_NODE = 'n8n-nodes-insider-whatsapp.insiderWhatsApp';
const INSIDER_DEFAULT_RPS = 10;

interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{ type: string; webhookId?: string; parameters?: { options?: object } }>;
}

/**
 * A copy of the workflow under its own id and webhook, every Insider WhatsApp node's Requests
 * Per Second set to `rps` (n8n does not import over an active workflow).
 */
const withRequestsPerSecond = (workflow: WorkflowJson, rps: number): WorkflowJson => ({
	...workflow,
	id: `${workflow.id}Rps${rps}`,
	name: `${workflow.name} (${rps} requests/s)`,
	nodes: workflow.nodes.map((node) => ({
		...node,
		...(node.webhookId ? { webhookId: `${node.webhookId}-rps-${rps}` } : {}),
		...(node.type === INSIDER_NODE
			? {
					parameters: {
						...node.parameters,
						options: { ...node.parameters?.options, requestsPerSecond: rps },
					},
				}
			: {}),
	})),
});

/** `count` contacts +1555RRxxxxx, RR the run: each run (and the warm-up) has its own memories. */
const contactNumbers = (count: number, run: number) =>
	Array.from(
		{ length: count },
		(_, i) => `+1555${String(run).padStart(2, '0')}${String(i).padStart(5, '0')}`,
	);

/** p-th percentile by nearest rank (p95 of 100 samples is the 95th smallest). */
export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Latencies {
	typing: number[];
	reply: number[];
}

const ms = (iso: string) => Date.parse(iso);

/**
 * One round: every contact writes at once; resolves with each message's latencies once all of
 * them have their answer (the answer's `context.message_id` is the contact's message).
 */
async function round(sandbox: InsiderSandbox, phones: string[], text: string, into: Latencies) {
	const before = new Set(sandbox.inbound.map((m) => m.waMessageId));
	await Promise.all(phones.map((phoneNumber) => sandbox.sendReply(text, { phoneNumber })));
	const sent = sandbox.inbound.filter((m) => !before.has(m.waMessageId));
	const answerTo = (waMessageId: string) =>
		sandbox.messages.find(
			(m) => (m.message.context as { message_id?: string } | undefined)?.message_id === waMessageId,
		);
	await waitFor(
		() => sent.every((m) => answerTo(m.waMessageId)),
		120_000,
		`answers to ${sent.length} contacts`,
		{ intervalMs: 20 },
	);
	for (const message of sent) {
		const receipt = sandbox.receipts.find((r) => r.messageId === message.waMessageId && r.typing);
		if (!receipt) throw new Error(`no read receipt with typing for ${message.waMessageId}`);
		into.typing.push(ms(receipt.at) - ms(message.at));
		into.reply.push(
			ms((answerTo(message.waMessageId) as { receivedAt: string }).receivedAt) - ms(message.at),
		);
	}
}

/** The assistant example in a fresh n8n on one expression engine, its model at `model`. */
async function startAssistant(
	install: N8nInstall,
	sandbox: InsiderSandbox,
	model: ModelServer,
	engine: string,
	rps: number,
	cpuProfileDir?: string,
) {
	const port = await freePort();
	const n8n = new N8nInstance(install, {
		port,
		env: engine === DEFAULT_ENGINE ? {} : { N8N_EXPRESSION_ENGINE: engine },
		nodeOptions: cpuProfileDir && `--cpu-prof --cpu-prof-dir=${path.resolve(cpuProfileDir)}`,
	});
	const examples = await importDemo(n8n, { apiKey: KEY, baseUrl: sandbox.url }, n8n.url, {
		model: { apiKey: MODEL_KEY, baseUrl: model.baseUrl },
	});
	const assistant = examples.find((example) => example.workflow.id === ASSISTANT);
	if (!assistant) throw new Error(`no example workflow ${ASSISTANT}`);
	const webhook = demoWebhook(n8n.url, 'assistant');
	if (rps !== INSIDER_DEFAULT_RPS) {
		await n8n.importWorkflows([withRequestsPerSecond(assistant.workflow as WorkflowJson, rps)]);
		const hook = CONVERSATIONAL_WEBHOOKS.assistant;
		webhook.url = webhook.url.replace(`/${hook}/`, `/${hook}-rps-${rps}/`);
	}
	await n8n.start();
	if (n8n.pid === undefined) throw new Error('n8n started without a process id');
	sandbox.configure({ webhook });
	return n8n;
}

const row = (
	engine: string,
	rps: number,
	samples: Latencies,
	cpuSeconds: number,
	wallSeconds: number,
) =>
	`| ${engine} | ${rps} | ${samples.typing.length} | ${percentile(samples.typing, 50)} | ${percentile(samples.typing, 95)} | ${Math.max(...samples.typing)} | ${percentile(samples.reply, 50)} | ${percentile(samples.reply, 95)} | ${Math.max(...samples.reply)} | ${wallSeconds.toFixed(1)} | ${cpuSeconds.toFixed(1)} |`;

export async function conversationLatency(
	install: N8nInstall,
	options: BenchOptions,
	report: Report,
) {
	const { conversationContacts: count, conversationRounds: rounds, modelDelayMs } = options.sizes;
	const rps = options.sizes.conversationRps;
	const engines = options.expressionEngine
		? [options.expressionEngine]
		: [DEFAULT_ENGINE, 'legacy'];
	report.say(
		`\n8. Conversation latency: the AI assistant example, ${count} contacts writing at once, ${rounds} rounds, model answering after ${modelDelayMs} ms; ms from the contact's message at the sandbox to the typing indicator and to the answer (requests/s: the key's limit at the sandbox and the nodes' Requests Per Second; Insider's default is ${INSIDER_DEFAULT_RPS})`,
	);
	report.say(
		'| expression engine | requests/s | messages | typing p50 | typing p95 | typing max | answer p50 | answer p95 | answer max | wall s | n8n CPU s |',
	);
	report.say('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	for (const [run, engine] of engines.entries()) {
		const model = await startModelServer({
			apiKey: MODEL_KEY,
			delayMs: modelDelayMs,
			script: () => ({ text: 'Thanks for your message: here is what I found.' }),
		});
		const sandbox = await startSandbox({ keys: [KEY], rateLimitPerSecond: rps, statusEvents: [] });
		const n8n = await startAssistant(install, sandbox, model, engine, rps, options.cpuProfileDir);
		try {
			// Warm-up (not counted): JIT and each node's first run, two contacts, two rounds.
			for (let i = 0; i < 2; i++)
				await round(sandbox, contactNumbers(2, 90 + run), `warm-up ${i}`, {
					typing: [],
					reply: [],
				});
			const samples: Latencies = { typing: [], reply: [] };
			const phones = contactNumbers(count, run);
			const cpuBefore = groupCpuSeconds(n8n.pid as number);
			const started = Date.now();
			for (let r = 0; r < rounds; r++)
				await round(sandbox, phones, `Question ${r + 1}: where is my order?`, samples);
			const wall = (Date.now() - started) / 1000;
			report.say(row(engine, rps, samples, groupCpuSeconds(n8n.pid as number) - cpuBefore, wall));
		} finally {
			await n8n.stop();
			await sandbox.stop();
			await model.stop();
		}
	}
	report.say(
		`Load average after section 8: ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(', ')}`,
	);
}
