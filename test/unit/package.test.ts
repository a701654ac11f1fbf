/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Loads the built dist/ the way n8n's package loader does: every path in package.json's `n8n`
 * block must resolve to a file inside the package exporting a class named like the file, and
 * every icon the classes name must exist inside the package.
 */
import fs from 'fs';
import path from 'path';

import { PACKAGE_VERSION, USER_AGENT } from '../../nodes/InsiderWhatsApp/constants';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

type IconValue = string | { light: string; dark: string } | undefined;

function iconFiles(icon: IconValue): string[] {
	if (!icon) return [];
	const values = typeof icon === 'string' ? [icon] : [icon.light, icon.dark];
	return values.map((value) => {
		expect(value.startsWith('file:')).toBe(true);
		return value.slice('file:'.length);
	});
}

function loadClass(relativePath: string) {
	const file = path.join(root, relativePath);
	expect(fs.existsSync(file)).toBe(true);
	const className = path.basename(relativePath).split('.')[0];
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(file)[className];
	expect(typeof exported).toBe('function');
	return { file, instance: new exported() };
}

function expectInsidePackage(file: string) {
	const resolved = path.resolve(file);
	expect(resolved.startsWith(path.join(root, 'dist') + path.sep)).toBe(true);
	expect(fs.existsSync(resolved)).toBe(true);
}

describe('package.json', () => {
	test('follows the community-package rules', () => {
		expect(pkg.name).toBe('n8n-nodes-insider-whatsapp');
		expect(pkg.keywords[0]).toBe('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.files).toEqual(['dist', '!dist/**/*.map']);
		expect(pkg.main).toBe('index.js');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) {
			expect(pkg.scripts[script]).toBeUndefined();
		}
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(pkg.n8n.strict).toBe(true);
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials])
			expect(entry.startsWith('dist/')).toBe(true);
	});

	test('the User-Agent names the package version', () => {
		expect(PACKAGE_VERSION).toBe(pkg.version);
		expect(USER_AGENT).toBe(`n8n-nodes-insider-whatsapp/${pkg.version}`);
	});
});

describe('the built package, as n8n loads it', () => {
	test.each(pkg.n8n.credentials as string[])('credential %s resolves with its icons', (entry) => {
		const { file, instance } = loadClass(entry);
		expect(typeof instance.name).toBe('string');
		for (const icon of iconFiles(instance.icon))
			expectInsidePackage(path.resolve(path.dirname(file), icon));
	});

	test.each(pkg.n8n.nodes as string[])(
		'node %s resolves with its icons and codex file',
		(entry) => {
			const { file, instance } = loadClass(entry);
			const description = instance.description;
			for (const icon of iconFiles(description.icon))
				expectInsidePackage(path.resolve(path.dirname(file), icon));
			const codex = file.replace(/\.js$/, '.json');
			expectInsidePackage(codex);
			expect(JSON.parse(fs.readFileSync(codex, 'utf8')).node).toBe(
				`${pkg.name}.${description.name}`,
			);
		},
	);

	test('index.js lists every node and credential class', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const entry = require(path.join(root, 'index.js'));
		const listed = [...Object.keys(entry.nodes), ...Object.keys(entry.credentials)].sort();
		const declared = [...pkg.n8n.nodes, ...pkg.n8n.credentials]
			.map((p: string) => path.basename(p).split('.')[0])
			.sort();
		expect(listed).toEqual(declared);
	});
});
