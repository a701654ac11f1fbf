/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
import fs from 'fs';
import path from 'path';

const PACKAGE_ROOT = path.resolve(__dirname, '../..');
const PACKAGE_NAME = 'n8n-nodes-insider-whatsapp';

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
