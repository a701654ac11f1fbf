/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * One OS process of a queue-mode n8n: `n8n start` (main), `n8n worker` or `n8n webhook`, each
 * with its own N8N_USER_FOLDER holding its own copy of the built package, the way each
 * container of a real deployment has its own ~/.n8n. Its output goes to a log file.
 */
import type { ChildProcess } from 'child_process';
import { execFile, spawn } from 'child_process';
import fs from 'fs';
import path from 'path';

import type { N8nInstall } from '../../../dev/n8n/n8nInstall';
import { freePort, installBuiltPackage } from '../../../dev/n8n/n8nInstance';
import { processCpuSeconds } from './services';

export type QueueRole = 'main' | 'worker' | 'webhook';

const COMMAND: Record<QueueRole, string> = { main: 'start', worker: 'worker', webhook: 'webhook' };

/** The log line each process type writes once it takes work. */
const READY_LINE: Record<QueueRole, RegExp> = {
	main: /Editor is now accessible/,
	worker: /n8n worker is now ready/,
	webhook: /Webhook listener waiting for requests/,
};

export class QueueProcess {
	readonly userFolder: string;

	readonly logFile: string;

	/** HTTP port: the server of main and webhook processors, the health server of a worker. */
	port = 0;

	private child?: ChildProcess;

	constructor(
		readonly install: N8nInstall,
		readonly role: QueueRole,
		readonly name: string,
		folder: string,
		private readonly sharedEnv: () => Record<string, string>,
		private readonly args: string[] = [],
	) {
		this.userFolder = path.join(folder, name);
		this.logFile = path.join(folder, 'logs', `${name}.log`);
		fs.mkdirSync(path.join(this.userFolder, '.n8n'), { recursive: true });
		fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
		installBuiltPackage(this.userFolder);
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	get running(): boolean {
		return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Every variable n8n reads; the caller's own npm, Jest and Node settings never reach it. */
	private env(extra: Record<string, string>): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {};
		for (const [key, value] of Object.entries(process.env))
			if (!/^npm_/i.test(key) && !['NODE_ENV', 'NODE_OPTIONS', 'JEST_WORKER_ID'].includes(key))
				env[key] = value;
		return {
			...env,
			PATH: `${this.install.nodeBinDir}${path.delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			...this.sharedEnv(),
			...extra,
		};
	}

	/** Runs an n8n CLI command with this process's settings (imports run before the servers start). */
	async cli(args: string[]): Promise<string> {
		const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
		const node = path.join(this.install.nodeBinDir, 'node');
		return await new Promise((resolve, reject) => {
			execFile(
				node,
				[this.install.n8nBin, ...args],
				{ env, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
				(error, stdout, stderr) => {
					if (error)
						reject(
							new Error(`n8n ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`),
						);
					else resolve(`${stdout}\n${stderr}`);
				},
			);
		});
	}

	async start(): Promise<void> {
		this.port = await freePort();
		const extra: Record<string, string> = {
			// Each n8n process opens a task-runner broker port; a fixed one would collide.
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_PORT: String(this.port),
		};
		if (this.role === 'worker')
			Object.assign(extra, {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(this.port),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
		const log = fs.openSync(this.logFile, 'a');
		// Its own process group: a kill takes its task runner along, as a container's death would.
		this.child = spawn(
			path.join(this.install.nodeBinDir, 'node'),
			[this.install.n8nBin, COMMAND[this.role], ...this.args],
			{ env: this.env(extra), stdio: ['ignore', log, log], detached: true },
		);
		fs.closeSync(log);
		const child = this.child;
		const exited = new Promise<never>((_, reject) =>
			child.once('exit', (code, signal) =>
				reject(
					new Error(
						`${this.name} exited (${signal ?? code}) before it was ready; log ${this.logFile}:\n${this.log().slice(-4000)}`,
					),
				),
			),
		);
		exited.catch(() => undefined);
		await Promise.race([this.waitUntilReady(), exited]);
	}

	private async waitUntilReady(timeoutMs = 180_000) {
		const started = Date.now();
		for (;;) {
			if (READY_LINE[this.role].test(this.log())) {
				try {
					if ((await fetch(`${this.url}/healthz/readiness`)).ok) return;
				} catch {
					/* not listening yet */
				}
			}
			if (Date.now() - started > timeoutMs)
				throw new Error(
					`${this.name} was not ready after ${timeoutMs} ms; log ${this.logFile}:\n${this.log().slice(-4000)}`,
				);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** CPU seconds used so far by the process and the rest of its group (its task runner). */
	cpuSeconds(): number {
		const group = this.child?.pid;
		return group === undefined ? 0 : processCpuSeconds((_pid, _parent, pgrp) => pgrp === group);
	}

	log(): string {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}

	/** Sends a signal to the whole process group; resolves when the process has exited. */
	async signal(signal: NodeJS.Signals): Promise<void> {
		const child = this.child;
		if (!child || !this.running) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		try {
			process.kill(-(child.pid as number), signal);
		} catch {
			child.kill(signal);
		}
		await exited;
	}

	/** SIGTERM (n8n's graceful shutdown), SIGKILL after 30 s. */
	async stop(): Promise<void> {
		const child = this.child;
		if (!child || !this.running) return;
		const timer = setTimeout(() => {
			try {
				process.kill(-(child.pid as number), 'SIGKILL');
			} catch {
				/* already gone */
			}
		}, 30_000);
		await this.signal('SIGTERM');
		clearTimeout(timer);
	}
}
