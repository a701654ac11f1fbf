/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * One throw-away n8n: a fresh N8N_USER_FOLDER, the built package installed where n8n loads
 * community packages, workflows and credentials imported and activated with n8n's own CLI,
 * then `n8n start` on a free loopback port. stop() ends the process and removes the folder.
 */
import type { ChildProcess } from 'child_process';
import { execFile, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';

import type { N8nInstall } from './n8nInstall';

const PACKAGE_ROOT = path.resolve(__dirname, '../..');
const PACKAGE_NAME = 'n8n-nodes-insider-whatsapp';

export interface Owner {
	email: string;
	password: string;
	firstName?: string;
	lastName?: string;
}

export interface N8nInstanceOptions {
	port?: number;
	owner?: Owner;
	env?: Record<string, string>;
	/** Keep the user folder afterwards (npm start keeps the user's work). */
	userFolder?: string;
	logToConsole?: boolean;
	/** NODE_OPTIONS for n8n's processes (the caller's own NODE_OPTIONS never reach n8n), e.g. `--cpu-prof`. */
	nodeOptions?: string;
	/** false: no copy of the built package; the caller installs it (the tarball test, as a user does). */
	withBuiltPackage?: boolean;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Copies package.json and dist/ the way `npm install` in ~/.n8n/nodes would leave them. */
export function installBuiltPackage(userFolder: string) {
	if (!fs.existsSync(path.join(PACKAGE_ROOT, 'dist')))
		throw new Error('dist/ is missing: run `npm run build` first');
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(PACKAGE_ROOT, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(path.join(PACKAGE_ROOT, 'dist'), path.join(target, 'dist'), { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	const version = JSON.parse(
		fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'),
	).version;
	fs.writeFileSync(
		manifest,
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: version } },
			null,
			2,
		),
	);
}

export class N8nInstance {
	readonly userFolder: string;

	port = 0;

	private process?: ChildProcess;

	private readonly logFile: string;

	private readonly keepUserFolder: boolean;

	constructor(
		readonly install: N8nInstall,
		private readonly options: N8nInstanceOptions = {},
	) {
		this.keepUserFolder = options.userFolder !== undefined;
		this.userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
		fs.mkdirSync(path.join(this.userFolder, '.n8n'), { recursive: true });
		this.logFile = path.join(this.userFolder, 'n8n.log');
		if (options.withBuiltPackage !== false) installBuiltPackage(this.userFolder);
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	get isV1() {
		return this.install.spec.n8n.startsWith('1.');
	}

	/** The main n8n process's id while it runs. */
	get pid(): number | undefined {
		return this.process?.pid;
	}

	/** The environment of every n8n process of this instance: CLI commands and the server. */
	private env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const owner = this.options.owner;
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PATH: `${this.install.nodeBinDir}${path.delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			WEBHOOK_URL: `http://127.0.0.1:${this.port}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${this.port}/`,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_HIRING_BANNER_ENABLED: 'false',
			...this.options.env,
			...extra,
		};
		if (owner) {
			// n8n's own bcryptjs hashes the owner password the way N8N_INSTANCE_OWNER_PASSWORD_HASH expects.
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const bcrypt = require(
				require.resolve('bcryptjs', {
					paths: [path.join(this.install.n8nDir, 'node_modules', 'n8n')],
				}),
			) as { hashSync: (value: string, rounds: number) => string };
			Object.assign(env, {
				N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
				N8N_INSTANCE_OWNER_EMAIL: owner.email,
				N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName ?? 'Demo',
				N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName ?? 'User',
				N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(owner.password, 10),
			});
		}
		// Jest sets NODE_ENV=test, with which n8n exits silently at start.
		for (const key of Object.keys(env))
			if (key.startsWith('npm_') || ['NODE_ENV', 'NODE_OPTIONS', 'JEST_WORKER_ID'].includes(key))
				delete env[key];
		if (this.options.nodeOptions) env.NODE_OPTIONS = this.options.nodeOptions;
		return env;
	}

	/** Runs an n8n CLI command and returns its output (imports need n8n stopped). */
	async cli(args: string[]): Promise<string> {
		const node = path.join(this.install.nodeBinDir, 'node');
		// Each n8n process opens a task-runner broker port; a fixed one would collide.
		const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
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

	private writeTemp(name: string, content: unknown): string {
		const file = path.join(this.userFolder, name);
		fs.writeFileSync(file, JSON.stringify(content, null, 2));
		return file;
	}

	async importCredentials(credentials: object[]) {
		await this.cli([
			'import:credentials',
			`--input=${this.writeTemp('credentials.json', credentials)}`,
		]);
	}

	/** Imports the workflows and makes them active, the way each n8n line does it. */
	async importWorkflows(workflows: Array<{ id: string }>, activate = true) {
		await this.cli(['import:workflow', `--input=${this.writeTemp('workflows.json', workflows)}`]);
		if (!activate) return;
		if (this.isV1) {
			await this.cli(['update:workflow', '--all', '--active=true']);
		} else {
			for (const workflow of workflows) await this.cli(['publish:workflow', `--id=${workflow.id}`]);
		}
	}

	async start(): Promise<void> {
		this.port = this.options.port ?? (await freePort());
		const log = fs.openSync(this.logFile, 'a');
		const node = path.join(this.install.nodeBinDir, 'node');
		this.process = spawn(node, [this.install.n8nBin, 'start'], {
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) }),
			stdio: [
				'ignore',
				this.options.logToConsole ? 'inherit' : log,
				this.options.logToConsole ? 'inherit' : log,
			],
			detached: true,
		});
		fs.closeSync(log);
		const exited = new Promise<never>((_, reject) =>
			this.process?.once('exit', (code) =>
				reject(
					new Error(
						`n8n exited with code ${code} before it was ready; log:\n${this.log().slice(-4000)}`,
					),
				),
			),
		);
		await Promise.race([this.waitUntilReady(), exited]);
	}

	private async waitUntilReady(timeoutMs = 120_000) {
		const started = Date.now();
		for (;;) {
			try {
				const response = await fetch(`${this.url}/healthz/readiness`);
				if (response.ok) break;
			} catch {
				/* not listening yet */
			}
			if (Date.now() - started > timeoutMs)
				throw new Error(
					`n8n was not ready after ${timeoutMs} ms; log:\n${this.log().slice(-4000)}`,
				);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		// Workflows are activated just after the server answers; wait for the log to say so.
		for (;;) {
			const log = this.log();
			if (/Editor is now accessible/.test(log)) return;
			if (Date.now() - started > timeoutMs) return;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	log(): string {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}

	async stop(): Promise<void> {
		const child = this.process;
		this.process = undefined;
		if (child && child.exitCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			try {
				process.kill(-(child.pid as number), 'SIGTERM');
			} catch {
				child.kill('SIGTERM');
			}
			const timer = setTimeout(() => {
				try {
					process.kill(-(child.pid as number), 'SIGKILL');
				} catch {
					/* already gone */
				}
			}, 20_000);
			await exited;
			clearTimeout(timer);
		}
		if (!this.keepUserFolder) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}

	/** Runs SQL on n8n's SQLite database with n8n's own sqlite3 module and Node. */
	async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
		const node = path.join(this.install.nodeBinDir, 'node');
		const sqlite = path.join(this.install.n8nDir, 'node_modules', 'sqlite3');
		const database = path.join(this.userFolder, '.n8n', 'database.sqlite');
		const script = `const s=require(${JSON.stringify(sqlite)});const db=new s.Database(${JSON.stringify(database)},s.OPEN_READONLY);db.all(process.argv[1],(e,r)=>{if(e){console.error(e.message);process.exit(1)}process.stdout.write(JSON.stringify(r));db.close()})`;
		return await new Promise((resolve, reject) => {
			execFile(node, ['-e', script, sql], { timeout: 30_000 }, (error, stdout, stderr) => {
				if (error) reject(new Error(`${error.message}\n${stderr}`));
				else resolve(JSON.parse(stdout) as T[]);
			});
		});
	}

	async executionCount(workflowId: string): Promise<number> {
		const rows = await this.query<{ count: number }>(
			`SELECT COUNT(*) AS count FROM execution_entity WHERE workflowId = '${workflowId.replace(/'/g, "''")}'`,
		);
		return rows[0]?.count ?? 0;
	}
}
