/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * n8n's verification scan (`@n8n/scan-community-package`, its own code and rule set, pinned) on
 * the two things it lints before n8n verifies a package: the source folder and the unpacked
 * `npm pack` tarball. Any error or warning fails, and the scan is shown to see a regression of
 * each kind, so a scan that lints nothing cannot pass unnoticed.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { formatMessages, scanWithN8nRules } from '../../dev/release/n8nScan';
import { PACKAGE_ROOT, packTarball, unpackTarball } from '../../dev/release/tarball';

// Each scan is a Node process linting the package with ESLint: seconds, more on a busy machine.
jest.setTimeout(180_000);

const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));

let workFolder: string;
let unpacked: string;

beforeAll(() => {
	workFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-test-'));
	unpacked = unpackTarball(packTarball(workFolder).file, path.join(workFolder, 'package'));
});

afterAll(() => fs.rmSync(workFolder, { recursive: true, force: true }));

describe("n8n's scan of this package", () => {
	test('the source folder passes with no error and no warning', async () => {
		const report = await scanWithN8nRules('source', PACKAGE_ROOT);
		expect(formatMessages(report.messages)).toBe('');
		expect(report.verdict).toEqual({ passed: true });
		// The scanner lints package.json and every node and credential source.
		expect(report.files).toContain('package.json');
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials])
			expect(report.files).toContain(entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	});

	test('the unpacked tarball passes with no error and no warning', async () => {
		const report = await scanWithN8nRules('tarball', unpacked);
		expect(formatMessages(report.messages)).toBe('');
		expect(report.verdict).toEqual({ passed: true });
		const shippedScripts = fs
			.readdirSync(unpacked, { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.js'))
			.map((file) => file.split(path.sep).join('/'));
		expect(report.files.filter((file) => file.endsWith('.js')).sort()).toEqual(
			shippedScripts.sort(),
		);
		expect(report.files).toContain('package.json');
	});
});

describe('the scan sees a regression', () => {
	test('in the tarball: a runtime dependency, a console call, a missing homepage (a warning)', async () => {
		const broken = path.join(workFolder, 'broken-package');
		fs.cpSync(unpacked, broken, { recursive: true });
		const manifest = JSON.parse(fs.readFileSync(path.join(broken, 'package.json'), 'utf8'));
		manifest.dependencies = { 'left-pad': '1.3.0' };
		delete manifest.homepage;
		fs.writeFileSync(path.join(broken, 'package.json'), JSON.stringify(manifest, null, 2));
		fs.appendFileSync(path.join(broken, pkg.n8n.nodes[0]), '\nconsole.log("debug");\n');

		const report = await scanWithN8nRules('tarball', broken);

		expect(report.verdict.passed).toBe(false);
		expect(report.messages.map((m) => `${m.severity} ${m.ruleId}`).sort()).toEqual([
			'error @n8n/community-nodes/no-runtime-dependencies',
			'error no-console',
			'warning @n8n/community-nodes/require-homepage',
		]);
	});

	test('in the source: a setTimeout in a node file, even with an eslint-disable comment', async () => {
		const broken = path.join(workFolder, 'broken-source');
		for (const entry of ['package.json', 'nodes', 'credentials', 'icons'])
			fs.cpSync(path.join(PACKAGE_ROOT, entry), path.join(broken, entry), { recursive: true });
		const nodeSource = pkg.n8n.nodes[0].replace(/^dist\//, '').replace(/\.js$/, '.ts');
		fs.appendFileSync(
			path.join(broken, nodeSource),
			'\n// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals\nsetTimeout(() => undefined, 1);\n',
		);

		const report = await scanWithN8nRules('source', broken);

		expect(report.verdict.passed).toBe(false);
		expect(report.messages.map((m) => `${m.file} ${m.severity} ${m.ruleId}`)).toEqual([
			`${nodeSource} error @n8n/community-nodes/no-restricted-globals`,
		]);
	});
});
