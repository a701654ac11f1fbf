/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * n8n's distributed engine on loopback: Redis and PostgreSQL, one main process, workers and
 * webhook processors (each its own OS process and user folder), and a load balancer in front
 * that sends production webhook routes to the webhook processors and the rest to main.
 * Everything lives in one temporary folder; stop() removes it unless a test failed, in which
 * case it stays and its logs are listed.
 */
import { randomBytes } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { LoadBalancer } from './loadBalancer';
import type { N8nInstall } from '../../../dev/n8n/n8nInstall';
import type { N8nRole } from '../../../dev/n8n/n8nProcess';
import { N8nProcess } from '../../../dev/n8n/n8nProcess';
import { waitFor } from '../../../dev/wait';
import type { Postgres, Redis } from './services';
import { startPostgres, startRedis } from './services';

/** Prints a measurement for the report, on stderr, where Jest shows it as it happens. */
export function reportMeasurement(line: string): void {
	process.stderr.write(`[queue] ${line}\n`);
}

export interface QueueDeploymentOptions {
	workers?: number;
	webhookProcessors?: number;
	/** `n8n worker --concurrency`: jobs one worker runs at once (n8n's default is 10). */
	workerConcurrency?: number;
	/** Extra settings for every process, e.g. Bull's lock timings. */
	env?: Record<string, string>;
}

export class QueueDeployment {
	readonly folder: string;

	readonly balancer = new LoadBalancer();

	readonly workers: N8nProcess[] = [];

	readonly webhookProcessors: N8nProcess[] = [];

	main!: N8nProcess;

	redis!: Redis;

	postgres!: Postgres;

	/** One key for every process: credentials saved by one are read by all. */
	private readonly encryptionKey = randomBytes(24).toString('hex');

	private failed = false;

	constructor(
		readonly install: N8nInstall,
		private readonly options: QueueDeploymentOptions = {},
	) {
		this.folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
	}

	/** The address callers use: the load balancer's. */
	get url(): string {
		return this.balancer.url;
	}

	/** The settings every process of the deployment shares. */
	private sharedEnv(): Record<string, string> {
		return {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: this.redis.host,
			QUEUE_BULL_REDIS_PORT: String(this.redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: this.postgres.host,
			DB_POSTGRESDB_PORT: String(this.postgres.port),
			DB_POSTGRESDB_DATABASE: this.postgres.database,
			DB_POSTGRESDB_USER: this.postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			// Production webhooks only on webhook processors; main keeps editor, API and test webhooks.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			// The URLs n8n shows and signs (webhooks, resume URLs) are the load balancer's.
			WEBHOOK_URL: `${this.balancer.url}/`,
			N8N_EDITOR_BASE_URL: `${this.balancer.url}/`,
			N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
			...this.options.env,
		};
	}

	/** One n8n process of the deployment, its user folder and log file in the deployment's folder. */
	private process(role: N8nRole, name: string, args: string[] = []) {
		return new N8nProcess(this.install, {
			role,
			name,
			userFolder: path.join(this.folder, name),
			logFile: path.join(this.folder, 'logs', `${name}.log`),
			env: () => this.sharedEnv(),
			args,
		});
	}

	/** Starts Redis, PostgreSQL and the load balancer; the n8n processes start in start(). */
	async prepare(): Promise<void> {
		await this.balancer.start();
		[this.redis, this.postgres] = await Promise.all([
			startRedis(path.join(this.folder, 'redis')),
			startPostgres(path.join(this.folder, 'postgres')),
		]);
		this.main = this.process('main', 'main');
	}

	async importCredentials(credentials: object[]): Promise<void> {
		const file = path.join(this.folder, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
		await this.main.cli(['import:credentials', `--input=${file}`]);
	}

	/**
	 * Imports the workflows with n8n's CLI and publishes them. Publishing is the single UPDATE
	 * that `n8n publish:workflow --id` runs (WorkflowRepository.publishVersion), done for all
	 * at once instead of one CLI start per workflow. n8n 1.123 has the same column (its
	 * migration AddActiveVersionIdColumn1763047800000) and reads it at start; its
	 * `update:workflow --active=true` sets it the same way (WorkflowRepository.updateActiveState).
	 */
	async importWorkflows(workflows: Array<{ id: string }>): Promise<void> {
		const file = path.join(this.folder, 'workflows.json');
		fs.writeFileSync(file, JSON.stringify(workflows, null, 2));
		await this.main.cli(['import:workflow', `--input=${file}`]);
		const ids = workflows.map((w) => `'${w.id.replace(/'/g, "''")}'`).join(', ');
		await this.postgres.execute(
			`UPDATE workflow_entity w SET active = true, "activeVersionId" = w."versionId"
			 WHERE w.id IN (${ids}) AND EXISTS (SELECT 1 FROM workflow_history h
			 WHERE h."workflowId" = w.id AND h."versionId" = w."versionId")`,
		);
		const published = await this.postgres.query<{ id: string }>(
			`SELECT id FROM workflow_entity WHERE id IN (${ids}) AND "activeVersionId" IS NOT NULL`,
		);
		if (published.length !== workflows.length)
			throw new Error(
				`published ${published.length} of ${workflows.length} workflows: a workflow has no saved version`,
			);
	}

	/** Main first (it activates the workflows and registers their webhooks), then the rest. */
	async start(): Promise<void> {
		await this.main.start();
		this.balancer.main = { name: 'main', url: this.main.url };
		const concurrency = this.options.workerConcurrency;
		const workers = Array.from({ length: this.options.workers ?? 2 }, (_, i) =>
			this.process(
				'worker',
				`worker-${i + 1}`,
				concurrency ? [`--concurrency=${concurrency}`] : [],
			),
		);
		await Promise.all([
			...workers.map(async (worker) => {
				await worker.start();
				this.workers.push(worker);
			}),
			...Array.from({ length: this.options.webhookProcessors ?? 1 }, async () => {
				await this.addWebhookProcessor();
			}),
		]);
		this.workers.sort((a, b) => a.name.localeCompare(b.name));
	}

	/** Starts one more `n8n webhook` and puts it behind the load balancer. */
	async addWebhookProcessor(): Promise<N8nProcess> {
		const name = `webhook-${this.webhookProcessors.length + 1}`;
		const processor = this.process('webhook', name);
		this.webhookProcessors.push(processor);
		await processor.start();
		this.balancer.webhookProcessors.push({ name, url: processor.url });
		return processor;
	}

	/** The processes whose log says they ran this execution (`Worker started execution <id>`). */
	workersThatStarted(executionId: string): N8nProcess[] {
		const line = new RegExp(`Worker started execution ${executionId} \\(job `);
		return this.workers.filter((worker) => line.test(worker.log()));
	}

	async executions(workflowId: string) {
		return await this.postgres.query<{ id: string; status: string; mode: string }>(
			`SELECT e.id::text AS id, e.status, e.mode FROM execution_entity e
			 WHERE e."workflowId" = '${workflowId.replace(/'/g, "''")}' ORDER BY e.id`,
		);
	}

	/** Waits until a workflow has `count` executions and none is still queued or running. */
	async settledExecutions(workflowId: string, count: number, timeoutMs = 120_000) {
		return await waitFor(
			async () => {
				const executions = await this.executions(workflowId);
				const settled =
					executions.length >= count &&
					executions.every((e) => !['new', 'running'].includes(e.status));
				return settled && executions;
			},
			timeoutMs,
			`${count} settled executions of ${workflowId}`,
			{ intervalMs: 250 },
		);
	}

	/** Wraps a test body: a failure keeps the folder and its logs for whoever investigates. */
	guard<T>(body: () => Promise<T>): () => Promise<T> {
		return async () => {
			try {
				return await body();
			} catch (error) {
				this.failed = true;
				throw error;
			}
		};
	}

	logFiles(): string[] {
		const logs = path.join(this.folder, 'logs');
		return [
			...(fs.existsSync(logs) ? fs.readdirSync(logs).map((name) => path.join(logs, name)) : []),
			...(this.redis ? [this.redis.logFile] : []),
			...(this.postgres ? [this.postgres.logFile] : []),
		];
	}

	async stop(): Promise<void> {
		await this.balancer.stop().catch(() => undefined);
		await Promise.all(
			[this.main, ...this.workers, ...this.webhookProcessors]
				.filter(Boolean)
				.map(async (p) => await p.stop()),
		);
		await this.redis?.stop().catch(() => undefined);
		await this.postgres?.stop().catch(() => undefined);
		if (this.failed) {
			process.stderr.write(
				`[queue] a test failed; logs kept:\n${this.logFiles()
					.map((file) => `  ${file}`)
					.join('\n')}\n`,
			);
		} else fs.rmSync(this.folder, { recursive: true, force: true });
	}

	/**
	 * Services and load balancer, then `setup` (imports), then the n8n processes; a failure on
	 * the way keeps the logs too.
	 */
	async launch(setup: (deployment: QueueDeployment) => Promise<void>): Promise<void> {
		await this.guard(async () => {
			await this.prepare();
			await setup(this);
			await this.start();
		})();
	}
}
