/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * `npm run sandbox -- --port 8787 --key INS.my-key [--rate-limit 10] [--time-scale 1]
 *   [--ip-restricted-key K] [--fail-recipient +15550009999] [--webhook-url URL --webhook-token T]`
 */
import { DEFAULT_SANDBOX_KEY } from './options';
import type { SandboxOptions } from './options';
import { startSandbox } from './server';

function parseArgs(argv: string[]): SandboxOptions {
	const options: SandboxOptions = { port: 8787, keys: [] };
	const value = (index: number) => {
		const next = argv[index + 1];
		if (next === undefined) throw new Error(`${argv[index]} needs a value`);
		return next;
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		switch (flag) {
			case '--port':
				options.port = Number(value(i++));
				break;
			case '--host':
				options.host = value(i++);
				break;
			case '--key':
				options.keys!.push(value(i++));
				break;
			case '--ip-restricted-key':
				(options.ipRestrictedKeys ??= []).push(value(i++));
				break;
			case '--rate-limit':
				options.rateLimitPerSecond = Number(value(i++));
				break;
			case '--time-scale':
				options.timeScale = Number(value(i++));
				break;
			case '--callbacks-in-flight':
				options.callbacksInFlight = Number(value(i++));
				break;
			case '--event-interval':
				options.eventIntervalMs = Number(value(i++));
				break;
			case '--fail-recipient':
				(options.failingRecipients ??= []).push(value(i++));
				break;
			case '--webhook-url':
				options.webhook = { ...options.webhook, url: value(i++) };
				break;
			case '--webhook-token':
				options.webhook = { url: options.webhook?.url ?? '', token: value(i++) };
				break;
			case '--help':
				console.log(
					'Usage: npm run sandbox -- [--port 8787] [--key KEY]… [--rate-limit 10] [--time-scale 1] [--callbacks-in-flight 0] [--ip-restricted-key KEY] [--fail-recipient +E164] [--webhook-url URL] [--webhook-token TOKEN]',
				);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown option ${flag} (see --help)`);
		}
	}
	if (!options.keys!.length) options.keys = [DEFAULT_SANDBOX_KEY];
	return options;
}

async function main() {
	const sandbox = await startSandbox(parseArgs(process.argv.slice(2)));
	console.log(`Insider sandbox listening on ${sandbox.url}`);
	console.log(`  Phone preview: ${sandbox.url}/`);
	console.log(`  Admin API:     ${sandbox.url}/sandbox/messages`);
	console.log(`  API key(s):    ${sandbox.options.keys.join(', ')}`);
	const stop = () => void sandbox.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
