/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Runs n8n's community-package scan (`scanCommunityPackage.mjs`, an ES module) in a child Node
 * process and returns its report. The scanner makes a temporary folder when it is loaded and
 * never removes it, so the child gets its own TMPDIR, removed afterwards. It never gets Jest's
 * NODE_ENV=test: with it, eslint-plugin-n8n-nodes-base switches to its own test mode (other file
 * name rules).
 */
import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

export type ScanLeg = 'source' | 'tarball';

export interface ScanMessage {
	file: string;
	line: number;
	ruleId: string | null;
	severity: 'error' | 'warning';
	message: string;
}

export interface ScanReport {
	/** The scanner's own `analyzePackage` answer (it fails on errors only). */
	verdict: { passed: boolean; message?: string; details?: string };
	/** The files it linted, relative to the folder. */
	files: string[];
	/** Every ESLint message of the same run, errors and warnings. */
	messages: ScanMessage[];
}

const SCRIPT = path.join(__dirname, 'scanCommunityPackage.mjs');

export async function scanWithN8nRules(leg: ScanLeg, folder: string): Promise<ScanReport> {
	const tmpdir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
	const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmpdir };
	delete env.NODE_ENV;
	try {
		const stdout = await new Promise<string>((resolve, reject) => {
			execFile(
				process.execPath,
				[SCRIPT, leg, folder],
				{ env, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
				(error, out, stderr) => {
					if (error)
						reject(new Error(`n8n's scan of ${folder} failed: ${error.message}\n${stderr}`));
					else resolve(out);
				},
			);
		});
		return JSON.parse(stdout) as ScanReport;
	} finally {
		fs.rmSync(tmpdir, { recursive: true, force: true });
	}
}

/** One line per message, the way ESLint prints them, for a test failure that says what broke. */
export function formatMessages(messages: ScanMessage[]): string {
	return messages
		.map((m) => `${m.file}:${m.line} ${m.severity} ${m.message} (${m.ruleId ?? 'parser'})`)
		.join('\n');
}
