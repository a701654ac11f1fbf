/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * What `npm publish` would upload: `npm pack` of the built project. Its file list is exactly the
 * built dist/ (without source maps), index.js, README, LICENSE and package.json, and its size
 * stays within a bound that a stray screenshot, source folder or bundled dependency would break.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import type { PackedTarball } from '../../dev/release/tarball';
import { PACKAGE_ROOT, packTarball } from '../../dev/release/tarball';

const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));

/**
 * About twice the size measured when this bound was set (74 kB packed, 308 kB unpacked, of
 * which the README 77 kB), so new operations fit but the large screenshots of docs/ (about
 * 100 kB each; PNG does not compress further), the sources or test/ (648 kB) do not. Smaller
 * strays are caught by the file list, not by size.
 */
const MAX_PACKED_BYTES = 150_000;
const MAX_UNPACKED_BYTES = 600_000;

/** Files the package must never ship: development tooling, sources, screenshots, source maps. */
const DEVELOPMENT_FILES =
	/^(test|sandbox|scripts|dev|docs|examples|nodes|credentials|icons|\.github|\.ci)\/|(?<!\.d)\.ts$|\.map$|\.png$|^\./;

function filesUnder(folder: string, prefix: string): string[] {
	return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const relative = `${prefix}/${entry.name}`;
		return entry.isDirectory() ? filesUnder(path.join(folder, entry.name), relative) : [relative];
	});
}

describe('the npm pack tarball', () => {
	let workFolder: string;
	let tarball: PackedTarball;

	beforeAll(() => {
		workFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-contents-'));
		tarball = packTarball(workFolder);
	});

	afterAll(() => fs.rmSync(workFolder, { recursive: true, force: true }));

	test('is named after package.json', () => {
		expect(tarball.name).toBe(pkg.name);
		expect(tarball.version).toBe(pkg.version);
		expect(path.basename(tarball.file)).toBe(`${pkg.name}-${pkg.version}.tgz`);
		expect(fs.statSync(tarball.file).size).toBe(tarball.size);
	});

	test('holds the built dist/ without source maps, index.js, README, LICENSE and package.json, nothing else', () => {
		const built = filesUnder(path.join(PACKAGE_ROOT, 'dist'), 'dist').filter(
			(file) => !file.endsWith('.map'),
		);
		const expected = ['LICENSE', 'README.md', 'index.js', 'package.json', ...built].sort();
		expect(tarball.files.map((file) => file.path).sort()).toEqual(expected);
	});

	test('ships no tests, sandbox, scripts, sources, screenshots or source maps', () => {
		const development = tarball.files
			.map((file) => file.path)
			.filter((file) => DEVELOPMENT_FILES.test(file));
		expect(development).toEqual([]);
	});

	test('contains every node, credential and entry file package.json names', () => {
		const shipped = new Set(tarball.files.map((file) => file.path));
		for (const entry of [pkg.main, ...pkg.n8n.nodes, ...pkg.n8n.credentials])
			expect(shipped.has(entry)).toBe(true);
	});

	test(`stays under ${MAX_PACKED_BYTES} bytes packed and ${MAX_UNPACKED_BYTES} unpacked`, () => {
		expect(tarball.size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
		expect(tarball.unpackedSize).toBeLessThanOrEqual(MAX_UNPACKED_BYTES);
	});
});
