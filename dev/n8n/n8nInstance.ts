/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * One throw-away n8n: a fresh N8N_USER_FOLDER, the built package installed where n8n loads
 * community packages, workflows and credentials imported and activated with n8n's own CLI,
 * then `n8n start` on a loopback port. stop() ends the process and removes the folder.
 */
import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { freePort } from '../freePort';
import type { N8nInstall } from './n8nInstall';
import { N8nProcess } from './n8nProcess';

// Tests and scripts that start an n8n take these from here too.
export { freePort } from '../freePort';
export { installBuiltPackage } from './builtPackage';

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
	/** NODE_OPTIONS for n8n's processes (the caller's own NODE_OPTIONS never reach n8n), e.g. `--cpu-prof`. */
	nodeOptions?: string;
	/** false: no copy of the built package; the caller installs it (the tarball test, as a user does). */
	withBuiltPackage?: boolean;
}

export class N8nInstance {
	readonly userFolder: string;

	port: number;

	/** The n8n server and its CLI (scripts/bench.ts reads `process.pid` for the process group). */
	private readonly process: N8nProcess;

	private readonly keepUserFolder: boolean;

	private ownerSettings?: Record<string, string>;

	constructor(
		readonly install: N8nInstall,
		private readonly options: N8nInstanceOptions = {},
	) {
		this.keepUserFolder = options.userFolder !== undefined;
		this.userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
		this.port = options.port ?? 0;
		this.process = new N8nProcess(install, {
			userFolder: this.userFolder,
			logFile: path.join(this.userFolder, 'n8n.log'),
			env: () => this.settings(),
			nodeOptions: options.nodeOptions,
			withBuiltPackage: options.withBuiltPackage,
		});
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	get isV1() {
		return this.install.spec.n8n.startsWith('1.');
	}

	/** The server's process id, also the id of its process group (n8n and its task runner). */
	get pid(): number | undefined {
		return this.process.pid;
	}

	/** What this instance adds to n8n's settings: its own address, the owner, the caller's env. */
	private settings(): Record<string, string> {
		return {
			N8N_PORT: String(this.port),
			WEBHOOK_URL: `${this.url}/`,
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
			...this.options.env,
			...this.ownerEnv(),
		};
	}

	/** The owner n8n creates at start; hashed once, with n8n's own bcryptjs, as n8n expects it. */
	private ownerEnv(): Record<string, string> {
		const owner = this.options.owner;
		if (!owner || this.ownerSettings) return this.ownerSettings ?? {};
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const bcrypt = require(
			require.resolve('bcryptjs', {
				paths: [path.join(this.install.n8nDir, 'node_modules', 'n8n')],
			}),
		) as { hashSync: (value: string, rounds: number) => string };
		this.ownerSettings = {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: owner.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName ?? 'Demo',
			N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName ?? 'User',
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(owner.password, 10),
		};
		return this.ownerSettings;
	}

	/** Runs an n8n CLI command and returns its output (imports need n8n stopped). */
	async cli(args: string[]): Promise<string> {
		return await this.process.cli(args);
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
		if (!this.port) this.port = await freePort();
		await this.process.start(this.port);
	}

	log(): string {
		return this.process.log();
	}

	/** Stops n8n and its task runner for a while, as CPU starvation or a long pause would. */
	async pauseFor(ms: number): Promise<void> {
		await this.process.pauseFor(ms);
	}

	async stop(): Promise<void> {
		await this.process.stop();
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
			`SELECT COUNT(*) AS count FROM execution_entity WHERE workflowId = ${sqlText(workflowId)}`,
		);
		return rows[0]?.count ?? 0;
	}

	/** Executions of a workflow that have not finished (queued, running or waiting). */
	async unfinishedExecutionCount(workflowId: string): Promise<number> {
		const rows = await this.query<{ count: number }>(
			`SELECT COUNT(*) AS count FROM execution_entity WHERE workflowId = ${sqlText(workflowId)} AND status IN ('new', 'running', 'waiting') AND deletedAt IS NULL`,
		);
		return rows[0]?.count ?? 0;
	}
}

/** A string as an SQL literal. */
const sqlText = (value: string) => `'${value.replace(/'/g, "''")}'`;
