/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * One OS process of n8n: `n8n start` (main), `n8n worker` or `n8n webhook`, with its own
 * N8N_USER_FOLDER holding its own copy of the built package (as each container of a real
 * deployment has its own ~/.n8n), its output in a log file, and its own process group, so a
 * signal reaches its task runner too. Also runs n8n's CLI commands with the same settings.
 */
import type { ChildProcess } from 'child_process';
import { execFile, spawn } from 'child_process';
import fs from 'fs';
import path from 'path';

import { freePort } from '../freePort';
import { groupCpuSeconds } from '../procfs';
import { sleep, waitFor } from '../wait';
import { installBuiltPackage } from './builtPackage';
import type { N8nInstall } from './n8nInstall';

export type N8nRole = 'main' | 'worker' | 'webhook';

const COMMAND: Record<N8nRole, string> = { main: 'start', worker: 'worker', webhook: 'webhook' };

/** The log line each process type writes once it takes work. */
const READY_LINE: Record<N8nRole, RegExp> = {
	main: /Editor is now accessible/,
	worker: /n8n worker is now ready/,
	webhook: /Webhook listener waiting for requests/,
};

/** What n8n reads from the environment in every process these tools start. */
const N8N_DEFAULTS: Record<string, string> = {
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
};

const READY_TIMEOUT_MS = 180_000;
/** How long n8n's graceful shutdown may take before the process group is killed. */
const STOP_GRACE_MS = 30_000;

export interface N8nProcessOptions {
	role?: N8nRole;
	/** How messages name it (default: the role). */
	name?: string;
	userFolder: string;
	logFile: string;
	/** Settings on top of the defaults, read each time a process of it starts. */
	env?: () => Record<string, string>;
	/** Extra arguments of the server command, e.g. `--concurrency=1` for a worker. */
	args?: string[];
	/** NODE_OPTIONS for its processes (the caller's own never reach n8n), e.g. `--cpu-prof`. */
	nodeOptions?: string;
	/** false: no copy of the built package; the caller installs it (the tarball test, as a user does). */
	withBuiltPackage?: boolean;
}

/** The caller's environment without what would change n8n: npm's, Jest's and Node's settings. */
function callerEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	// Jest sets NODE_ENV=test, with which n8n exits silently at start.
	for (const [key, value] of Object.entries(process.env))
		if (!/^npm_/i.test(key) && !['NODE_ENV', 'NODE_OPTIONS', 'JEST_WORKER_ID'].includes(key))
			env[key] = value;
	return env;
}

export class N8nProcess {
	readonly role: N8nRole;

	readonly name: string;

	readonly userFolder: string;

	readonly logFile: string;

	/** HTTP port: the server of main and webhook processors, the health server of a worker. */
	port = 0;

	private child?: ChildProcess;

	constructor(
		readonly install: N8nInstall,
		private readonly options: N8nProcessOptions,
	) {
		this.role = options.role ?? 'main';
		this.name = options.name ?? this.role;
		this.userFolder = options.userFolder;
		this.logFile = options.logFile;
		fs.mkdirSync(path.join(this.userFolder, '.n8n'), { recursive: true });
		fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
		if (options.withBuiltPackage !== false) installBuiltPackage(this.userFolder);
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The process id, also the id of its process group. */
	get pid(): number | undefined {
		return this.child?.pid;
	}

	get running(): boolean {
		return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
	}

	private async env(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
		return {
			...callerEnv(),
			PATH: `${this.install.nodeBinDir}${path.delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: this.userFolder,
			...N8N_DEFAULTS,
			// Each n8n process opens a task-runner broker port; a fixed one would collide.
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...this.options.env?.(),
			...(this.options.nodeOptions ? { NODE_OPTIONS: this.options.nodeOptions } : {}),
			...extra,
		};
	}

	/** Runs an n8n CLI command with this process's settings and returns its output. */
	async cli(args: string[]): Promise<string> {
		const env = await this.env();
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

	/** Starts the server on `port` (a free one if not given); resolves once it takes work. */
	async start(port?: number): Promise<void> {
		this.port = port ?? (await freePort());
		const extra: Record<string, string> = { N8N_PORT: String(this.port) };
		if (this.role === 'worker')
			Object.assign(extra, {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(this.port),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
		const env = await this.env(extra);
		const log = fs.openSync(this.logFile, 'a');
		const child = spawn(
			path.join(this.install.nodeBinDir, 'node'),
			[this.install.n8nBin, COMMAND[this.role], ...(this.options.args ?? [])],
			{ env, stdio: ['ignore', log, log], detached: true },
		);
		this.child = child;
		fs.closeSync(log);
		const exited = new Promise<never>((_, reject) =>
			child.once('exit', (code, signal) =>
				reject(
					new Error(`${this.name} exited (${signal ?? code}) before it was ready${this.logTail()}`),
				),
			),
		);
		exited.catch(() => undefined);
		await Promise.race([this.untilReady(), exited]);
	}

	/** Its ready line in the log, then its readiness endpoint answering 200. */
	private async untilReady(): Promise<void> {
		await waitFor(
			async () =>
				READY_LINE[this.role].test(this.log()) &&
				(await fetch(`${this.url}/healthz/readiness`).then(
					(response) => response.ok,
					() => false, // not listening yet
				)),
			READY_TIMEOUT_MS,
			`${this.name} to be ready`,
			{ intervalMs: 250, detail: () => this.logTail() },
		);
	}

	/** CPU seconds used so far by the process and the rest of its group (its task runner). */
	cpuSeconds(): number {
		return this.pid === undefined ? 0 : groupCpuSeconds(this.pid);
	}

	log(): string {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}

	private logTail(): string {
		return `; log ${this.logFile}:\n${this.log().slice(-4000)}`;
	}

	/** Sends a signal to the whole process group; resolves when the process has exited. */
	async signal(signal: NodeJS.Signals): Promise<void> {
		const child = this.child;
		if (!child || !this.running) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		this.signalGroup(signal);
		await exited;
	}

	/** Stops the whole process group for a while, as CPU starvation or a long pause would. */
	async pauseFor(ms: number): Promise<void> {
		this.signalGroup('SIGSTOP');
		try {
			await sleep(ms);
		} finally {
			this.signalGroup('SIGCONT');
		}
	}

	/** SIGTERM (n8n's graceful shutdown), SIGKILL when that takes too long. */
	async stop(): Promise<void> {
		if (!this.running) return;
		const timer = setTimeout(() => this.signalGroup('SIGKILL'), STOP_GRACE_MS);
		await this.signal('SIGTERM');
		clearTimeout(timer);
	}

	private signalGroup(signal: NodeJS.Signals): void {
		const child = this.child;
		if (!child?.pid) return;
		try {
			process.kill(-child.pid, signal);
		} catch {
			// The group is gone; the process itself may still be there.
			try {
				child.kill(signal);
			} catch {
				/* already gone */
			}
		}
	}
}
