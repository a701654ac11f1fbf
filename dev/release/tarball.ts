/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * The package exactly as `npm publish` would upload it: `npm pack` of the built project, and
 * that tarball unpacked the way n8n's installer and n8n's scanner unpack a downloaded package
 * (`tar -xzf <tarball> --strip-components=1`). Needs `npm run build` first.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');

export interface PackedFile {
	/** Path inside the package, with `/` separators (`dist/nodes/…`). */
	path: string;
	size: number;
}

export interface PackedTarball {
	/** Absolute path of the `.tgz`. */
	file: string;
	name: string;
	version: string;
	files: PackedFile[];
	/** Bytes of the compressed tarball. */
	size: number;
	/** Bytes of all files once unpacked. */
	unpackedSize: number;
}

/** Runs `npm pack` in the project and leaves the tarball in `destination`. */
export function packTarball(destination: string): PackedTarball {
	if (!fs.existsSync(path.join(PACKAGE_ROOT, 'dist')))
		throw new Error('dist/ is missing: run `npm run build` first');
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: PACKAGE_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 16 * 1024 * 1024,
	});
	const [report] = JSON.parse(output) as Array<{
		name: string;
		version: string;
		filename: string;
		size: number;
		unpackedSize: number;
		files: PackedFile[];
	}>;
	return {
		file: path.join(destination, report.filename),
		name: report.name,
		version: report.version,
		files: report.files.map(({ path: file, size }) => ({ path: file, size })),
		size: report.size,
		unpackedSize: report.unpackedSize,
	};
}

/** Unpacks the tarball's `package/` folder into `folder` (created if missing) and returns it. */
export function unpackTarball(tarball: string, folder: string): string {
	fs.mkdirSync(folder, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', folder, '--strip-components=1'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return folder;
}
