/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * `--baseline REV`: the package built from an earlier git revision, run beside this working
 * tree's in the same bench run, so a change is measured against what it replaces on the same
 * machine at the same moment.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import type { BenchOptions } from './options';
import type { Report, RunResult, Target } from './measure';
import { measureRun, stats } from './measure';
import { THROUGHPUT_HEADER, THROUGHPUT_VARIANTS, throughputRow } from './sections';
import { PKG } from './workflows';

const REPOSITORY = path.resolve(__dirname, '../..');

export interface BuiltRevision {
	/** The worktree with the built package in dist/. */
	root: string;
	commit: string;
	remove: () => void;
}

/** Checks `rev` out into a temporary git worktree and builds its package there. */
export function buildRevision(rev: string): BuiltRevision {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-baseline-'));
	const git = (args: string[], cwd = REPOSITORY) =>
		execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
	git(['worktree', 'add', '--detach', root, rev]);
	const remove = () => git(['worktree', 'remove', '--force', root]);
	try {
		// The build tools of this tree; the revision's own source.
		fs.symlinkSync(path.join(REPOSITORY, 'node_modules'), path.join(root, 'node_modules'), 'dir');
		execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
		return { root, commit: git(['rev-parse', '--short', 'HEAD'], root), remove };
	} catch (error) {
		remove();
		throw error;
	}
}

/** Replaces the package an N8nInstance installed in `userFolder` with the one built in `root`. */
export function installPackageFrom(root: string, userFolder: string): void {
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PKG);
	fs.rmSync(path.join(target, 'dist'), { recursive: true, force: true });
	fs.cpSync(path.join(root, 'dist'), path.join(target, 'dist'), { recursive: true });
	fs.copyFileSync(path.join(root, 'package.json'), path.join(target, 'package.json'));
}

/**
 * Rows (a) and (a') of section 1 for both packages, the runs interleaved (the order flips each
 * repetition) so a change of the machine's load falls on both alike.
 */
export async function compareWithBaseline(
	builds: Array<{ label: string; target: Target }>,
	options: BenchOptions,
	report: Report,
): Promise<void> {
	const { sizes } = options;
	for (const { target } of builds) target.sandbox.configure({ rateLimitPerSecond: 10 });
	const variants = THROUGHPUT_VARIANTS.filter(
		([path]) => (path === 'ours' || path === 'oursContinueOnFail') && options.wanted(path),
	);
	const runs = new Map<string, RunResult[]>();
	for (let rep = 0; rep < sizes.repetitions; rep++)
		for (const [path] of variants) {
			const order = rep % 2 === 0 ? builds : [...builds].reverse();
			for (const { label, target } of order) {
				const key = `${path} ${label}`;
				runs.set(key, [...(runs.get(key) ?? []), await measureRun(target, path, sizes.contacts)]);
			}
		}
	report.say(
		`\nBefore/after: section 1's (a) and (a') for ${builds.map((b) => b.label).join(' and ')}, ${sizes.repetitions} interleaved runs each`,
	);
	THROUGHPUT_HEADER.forEach((line) => report.say(line));
	const sendingRate = (label: string, path: string) =>
		stats((runs.get(`${path} ${label}`) ?? []).map((r) => r.sendingPerSecond)).median;
	for (const [path, name, perRequest] of variants) {
		const [before, after] = builds.map(({ label }) =>
			throughputRow(report, `${name}, ${label}`, perRequest, runs.get(`${path} ${label}`) ?? []),
		);
		// The sending phase leaves out n8n's evaluation of the items, which a busy machine stretches.
		const [sendingBefore, sendingAfter] = builds.map(({ label }) => sendingRate(label, path));
		report.say(
			`Ratio ${name.split(' ')[0]} ${builds[1].label}/${builds[0].label}: msg/s ${(after / before).toFixed(3)}x, sending phase ${(sendingAfter / sendingBefore).toFixed(3)}x`,
		);
	}
}
