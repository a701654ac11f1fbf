/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * The two services n8n's queue mode needs, Debian's Redis and PostgreSQL, started on free
 * loopback ports with their data in a folder of the caller's, and stopped again. PostgreSQL
 * refuses to run as root, so under root it runs as the `postgres` user.
 */
import type { ChildProcess } from 'child_process';
import { execFile, execFileSync, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import path from 'path';

import { freePort } from '../../../dev/freePort';
import { cpuSecondsOf } from '../../../dev/procfs';
import { waitFor } from '../../../dev/wait';

const HOST = '127.0.0.1';

export interface Redis {
	host: string;
	port: number;
	logFile: string;
	stop(): Promise<void>;
}

export interface Postgres {
	host: string;
	port: number;
	database: string;
	user: string;
	logFile: string;
	/** Runs one SELECT and returns its rows. */
	query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
	/** Runs statements that return nothing to read. */
	execute(sql: string): Promise<void>;
	/** CPU seconds used so far by the server and its backends (Linux /proc). */
	cpuSeconds(): number;
	stop(): Promise<void>;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
	return new Promise<string>((resolve, reject) => {
		execFile(command, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
			if (error)
				reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
			else resolve(stdout);
		});
	});
}

/** Sends PING over the Redis protocol; true on +PONG. */
function redisAnswersPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, HOST);
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
	});
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.kill(signal);
	});
}

export async function startRedis(folder: string): Promise<Redis> {
	fs.mkdirSync(folder, { recursive: true });
	const port = await freePort();
	const logFile = path.join(folder, 'redis.log');
	// No persistence: the queue lives as long as the test.
	const child = spawn(
		'redis-server',
		[
			'--bind',
			HOST,
			'--port',
			String(port),
			'--dir',
			folder,
			'--save',
			'',
			'--appendonly',
			'no',
			'--logfile',
			logFile,
		],
		{ stdio: 'ignore' },
	);
	const exited = new Promise<never>((_, reject) =>
		child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}`))),
	);
	exited.catch(() => undefined);
	await Promise.race([
		waitFor(async () => await redisAnswersPing(port), 15_000, 'Redis to answer PING', {
			intervalMs: 100,
		}),
		exited,
	]);
	return { host: HOST, port, logFile, stop: async () => await stopChild(child) };
}

function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((name) => fs.existsSync(path.join(root, name, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!versions.length)
		throw new Error(
			'PostgreSQL is not installed: apt-get install postgresql (the queue-mode tests need it)',
		);
	return path.join(root, versions[0], 'bin');
}

/** Under root, PostgreSQL's tools run as the `postgres` user, which must own its folder. */
function asDatabaseUser(folder: string) {
	if (process.getuid?.() !== 0)
		return { wrap: (command: string, args: string[]) => ({ command, args }) };
	const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
	// The user must be able to walk down to its folder from the caller's temporary folder.
	fs.chmodSync(path.dirname(folder), 0o755);
	fs.chownSync(folder, uid, gid);
	return {
		wrap: (command: string, args: string[]) => ({
			command: 'runuser',
			args: ['-u', 'postgres', '--', command, ...args],
		}),
	};
}

export async function startPostgres(folder: string): Promise<Postgres> {
	fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
	const bin = postgresBinDir();
	const user = asDatabaseUser(folder);
	const exec = async (tool: string, args: string[]) => {
		const { command, args: wrapped } = user.wrap(path.join(bin, tool), args);
		return await run(command, wrapped, { ...process.env, LC_ALL: 'C.UTF-8' });
	};
	const dataDir = path.join(folder, 'data');
	const logFile = path.join(folder, 'postgres.log');
	const port = await freePort();
	await exec('initdb', [
		'--pgdata',
		dataDir,
		'--username',
		'postgres',
		'--auth',
		'trust',
		'--encoding',
		'UTF8',
		'--no-sync',
	]);
	// A test database: durability traded for speed, TCP on loopback only, socket in its folder.
	const serverOptions = [
		`-p ${port}`,
		`-c listen_addresses=${HOST}`,
		`-c unix_socket_directories=${folder}`,
		'-c fsync=off',
		'-c synchronous_commit=off',
		'-c full_page_writes=off',
		'-c max_connections=200',
	].join(' ');
	await exec('pg_ctl', [
		'start',
		'--pgdata',
		dataDir,
		'--log',
		logFile,
		'--wait',
		'--timeout',
		'60',
		'-o',
		serverOptions,
	]);
	const database = 'n8n';
	const psql = async (sql: string, db = database) =>
		await run(path.join(bin, 'psql'), [
			'--host',
			HOST,
			'--port',
			String(port),
			'--username',
			'postgres',
			'--dbname',
			db,
			'--no-psqlrc',
			'--tuples-only',
			'--no-align',
			'--set',
			'ON_ERROR_STOP=1',
			'--command',
			sql,
		]);
	await psql(`CREATE DATABASE ${database}`, 'postgres');
	return {
		host: HOST,
		port,
		database,
		user: 'postgres',
		logFile,
		query: async <T>(sql: string) => {
			const text = (await psql(`SELECT COALESCE(json_agg(q), '[]') FROM (${sql}) q`)).trim();
			return JSON.parse(text) as T[];
		},
		execute: async (sql: string) => {
			await psql(sql);
		},
		cpuSeconds: () => {
			const postmaster = Number(
				fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
			);
			return cpuSecondsOf((p) => p.pid === postmaster || p.parent === postmaster);
		},
		stop: async () => {
			await exec('pg_ctl', ['stop', '--pgdata', dataDir, '--mode', 'fast', '--wait']);
		},
	};
}
