/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * `npm run sandbox -- --port 8787 --key INS.my-key [--rate-limit 10] [--time-scale 1] …`;
 * `--help` lists every option.
 */
import { parseArgs } from 'util';

import { DEFAULT_SANDBOX_KEY } from './options';
import type { SandboxOptions } from './options';
import { startSandbox } from './server';

const FLAGS = {
	port: { type: 'string', default: '8787' },
	host: { type: 'string' },
	key: { type: 'string', multiple: true },
	'ip-restricted-key': { type: 'string', multiple: true },
	'rate-limit': { type: 'string' },
	'time-scale': { type: 'string' },
	'callbacks-in-flight': { type: 'string' },
	'event-interval': { type: 'string' },
	'fail-recipient': { type: 'string', multiple: true },
	'webhook-url': { type: 'string' },
	'webhook-token': { type: 'string' },
	'phone-number-id': { type: 'string' },
	'contact-number': { type: 'string' },
	'media-host': { type: 'string' },
	'chunked-downloads': { type: 'boolean' },
	'allow-unknown-media-ids': { type: 'boolean' },
	'typing-indicator-ms': { type: 'string' },
	help: { type: 'boolean' },
} as const;

const USAGE = `Usage: npm run sandbox -- [--port 8787] [--host 127.0.0.1] [--key KEY]…
  [--rate-limit 10] [--time-scale 1] [--callbacks-in-flight 0] [--event-interval 400]
  [--ip-restricted-key KEY]… [--fail-recipient +E164]… [--webhook-url URL] [--webhook-token TOKEN]
  [--phone-number-id 106540352242922] [--contact-number +15550001111] [--media-host HOST]
  [--chunked-downloads] [--allow-unknown-media-ids] [--typing-indicator-ms 25000]`;

function number(flag: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const parsed = Number(value);
	if (!Number.isFinite(parsed)) throw new Error(`--${flag} needs a number, got "${value}"`);
	return parsed;
}

function options(argv: string[]): SandboxOptions {
	const { values } = parseArgs({ args: argv, options: FLAGS, strict: true });
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const webhookUrl = values['webhook-url'];
	if (values['webhook-token'] !== undefined && webhookUrl === undefined)
		throw new Error('--webhook-token needs --webhook-url');
	return {
		port: number('port', values.port),
		host: values.host,
		keys: values.key?.length ? values.key : [DEFAULT_SANDBOX_KEY],
		ipRestrictedKeys: values['ip-restricted-key'],
		rateLimitPerSecond: number('rate-limit', values['rate-limit']),
		timeScale: number('time-scale', values['time-scale']),
		callbacksInFlight: number('callbacks-in-flight', values['callbacks-in-flight']),
		eventIntervalMs: number('event-interval', values['event-interval']),
		failingRecipients: values['fail-recipient'],
		webhook: webhookUrl ? { url: webhookUrl, token: values['webhook-token'] } : undefined,
		phoneNumberId: values['phone-number-id'],
		contactNumber: values['contact-number'],
		mediaHost: values['media-host'],
		chunkedDownloads: values['chunked-downloads'],
		requireKnownMediaIds: values['allow-unknown-media-ids'] ? false : undefined,
		typingIndicatorMs: number('typing-indicator-ms', values['typing-indicator-ms']),
	};
}

async function main() {
	const sandbox = await startSandbox(options(process.argv.slice(2)));
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
