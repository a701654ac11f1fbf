/**
 * n8n's community-package scan, offline. `@n8n/scan-community-package` (pinned in package.json)
 * checks a published package in three steps: the npm provenance in the registry's metadata, then
 * `analyzePackage` on the source commit that provenance names (downloaded from GitHub) and on
 * the published tarball (downloaded with `npm pack <name>@<version>`). Only the downloads need
 * the network; `analyzePackage` and the rule set are exported. This script calls them on local
 * folders: the project's source, or an unpacked `npm pack` of it. Provenance only exists once
 * published, so it is left to the publish workflow (`npm publish --provenance`).
 *
 * The scanner passes a package with warnings and prints messages only when it fails; this
 * project wants neither, so the same ESLint run is repeated with the scanner's exported config
 * and options to report every message, warnings included.
 *
 * Usage: node dev/release/scanCommunityPackage.mjs source|tarball <folder>
 * Prints one JSON object: { verdict, files, messages }. It is an ES module because the scanner
 * is one (Jest's CommonJS runtime cannot import it, so tests run this in a child process).
 */
import path from 'path';
import { createRequire } from 'module';

import {
	analyzePackage,
	buildScanConfig,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

// The scanner's own copies of ESLint and fast-glob, so the rules run exactly as it runs them.
const scannerRequire = createRequire(
	createRequire(import.meta.url).resolve('@n8n/scan-community-package/package.json'),
);
const { ESLint } = scannerRequire('eslint');
const glob = scannerRequire('fast-glob');

/**
 * The file patterns of each leg, as in the scanner's `analyzePackageByName`: the source gets
 * the full rule set on `.ts` sources, the tarball its compiled `.js` and its package.json (the
 * tarball's patterns are not exported, so they are repeated here).
 */
const LEGS = {
	source: SOURCE_FILE_PATTERNS,
	tarball: ['**/*.js', 'package.json'],
};

/** Every message of the scanner's ESLint run, with the options `analyzePackage` uses. */
async function lintLikeTheScanner(folder, patterns) {
	const eslint = new ESLint({
		cwd: folder,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: folder,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = files.length ? await eslint.lintFiles(files) : [];
	return {
		files: files.map((file) => path.relative(folder, file).split(path.sep).join('/')).sort(),
		messages: results.flatMap((result) =>
			result.messages.map((message) => ({
				file: path.relative(folder, result.filePath).split(path.sep).join('/'),
				line: message.line,
				ruleId: message.ruleId,
				severity: message.severity === 2 ? 'error' : 'warning',
				message: message.message,
			})),
		),
	};
}

const [leg, folderArgument] = process.argv.slice(2);
if (!(leg in LEGS) || !folderArgument) {
	process.stderr.write(
		'Usage: node dev/release/scanCommunityPackage.mjs source|tarball <folder>\n',
	);
	process.exit(2);
}
const folder = path.resolve(folderArgument);
const verdict = await analyzePackage(folder, LEGS[leg]);
const { files, messages } = await lintLikeTheScanner(folder, LEGS[leg]);
process.stdout.write(
	JSON.stringify({
		verdict: { passed: verdict.passed, message: verdict.message, details: verdict.details },
		files,
		messages,
	}),
);
