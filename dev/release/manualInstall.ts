/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * The README's "Manual install", run as written: `npm install …` in `<user folder>/.n8n/nodes`,
 * with a tarball's path where the README names the package. The command is read from the
 * README itself, so the end-to-end test follows whatever it tells users to type.
 */
import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';

import { npmEnv } from '../n8n/n8nInstall';
import { PACKAGE_ROOT } from './tarball';

const PACKAGE_NAME = 'n8n-nodes-insider-whatsapp';

/** The arguments after `npm` of the first `npm install` line in README's Manual install block. */
export function readmeInstallArguments(): string[] {
	const readme = fs.readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
	const section = readme.split(/^### Manual install/m)[1]?.split(/^#{2,3} /m)[0] ?? '';
	const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
	const line = block.split('\n').find((text) => text.trim().startsWith('npm install '));
	if (!line) throw new Error('README.md: no `npm install` line in the Manual install code block');
	const words = line.trim().split(/\s+/).slice(1);
	if (!words.includes(PACKAGE_NAME))
		throw new Error(`README.md: the Manual install command does not name ${PACKAGE_NAME}`);
	return words;
}

export interface ManualInstall {
	/** The npm arguments that ran, the tarball in place of the package name. */
	args: string[];
	nodesFolder: string;
	output: string;
}

/**
 * Installs the tarball into n8n's user folder the README's way. `offline` makes npm use nothing
 * but the tarball and its cache, so the test proves the command needs no registry.
 */
export async function installAsTheReadmeSays(
	userFolder: string,
	tarball: string,
	options: { offline?: boolean } = {},
): Promise<ManualInstall> {
	const nodesFolder = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesFolder, { recursive: true });
	const args = readmeInstallArguments().map((word) => (word === PACKAGE_NAME ? tarball : word));
	const env = npmEnv(options.offline ? { npm_config_offline: 'true' } : {});
	const output = await new Promise<string>((resolve, reject) => {
		execFile(
			'npm',
			args,
			{ cwd: nodesFolder, env, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
			(error, stdout, stderr) => {
				if (error) reject(new Error(`npm ${args.join(' ')} failed: ${error.message}\n${stderr}`));
				else resolve(`${stdout}${stderr}`);
			},
		);
	});
	return { args, nodesFolder, output };
}
