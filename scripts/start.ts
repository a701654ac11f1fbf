/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * `npm start`: builds the package, prepares n8n 2.41.1 (cached), starts the Insider sandbox and
 * n8n with the package loaded, imports the example workflows with credentials that point at
 * the sandbox, and prints where to go. Ctrl-C stops everything.
 *
 * The sandbox's conversational webhook (Insider has one per account) goes to the menu bot, or
 * to the AI assistant when an OpenAI key is given; the assistant stays inactive without one.
 *
 *   npm start -- [--port 5678] [--sandbox-port 8787]
 *                [--insider-key INS.… [--insider-base-url https://whatsapp.useinsider.com]]
 *                [--openai-key sk-… [--openai-base-url https://api.openai.com/v1]]
 *                [--external-n8n [N8N_USER_FOLDER]]
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parseArgs } from 'util';

import { numberOption } from '../dev/cliArgs';
import { DEFAULT_SANDBOX_KEY } from '../sandbox/options';
import type { InsiderSandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import { cacheRoot, ensureN8n, N8N_VERSIONS } from '../dev/n8n/n8nInstall';
import { installBuiltPackage } from '../dev/n8n/builtPackage';
import { N8nInstance } from '../dev/n8n/n8nInstance';
import type { ConversationalWorkflow, ModelProvider } from '../dev/n8n/demo';
import { DEMO_OWNER as OWNER, demoWebhook, importDemo } from '../dev/n8n/demo';
import { EXAMPLE_TOKEN } from '../dev/n8n/examples';

interface StartOptions {
	port: number;
	sandboxPort: number;
	insiderKey?: string;
	insiderBaseUrl: string;
	openAiKey?: string;
	openAiBaseUrl?: string;
	externalN8n?: string;
}

/** The options in the header above; `--external-n8n` takes its folder as an optional argument. */
function startOptions(args: string[]): StartOptions {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: {
			port: { type: 'string', default: '5678' },
			'sandbox-port': { type: 'string', default: '8787' },
			'insider-key': { type: 'string' },
			'insider-base-url': { type: 'string', default: 'https://whatsapp.useinsider.com' },
			'openai-key': { type: 'string' },
			'openai-base-url': { type: 'string' },
			'external-n8n': { type: 'boolean', default: false },
		},
	});
	if (positionals.length > (values['external-n8n'] ? 1 : 0))
		throw new Error(
			`unexpected ${positionals.join(' ')}; see the header of scripts/start.ts or the README`,
		);
	if (values['openai-base-url'] !== undefined && values['openai-key'] === undefined)
		throw new Error('--openai-base-url needs --openai-key');
	return {
		port: numberOption('port', values.port),
		sandboxPort: numberOption('sandbox-port', values['sandbox-port']),
		insiderKey: values['insider-key'],
		insiderBaseUrl: values['insider-base-url'],
		openAiKey: values['openai-key'],
		openAiBaseUrl: values['openai-base-url'],
		externalN8n: values['external-n8n'] ? (positionals[0] ?? os.homedir()) : undefined,
	};
}

const BOT_NAMES: Record<ConversationalWorkflow, string> = {
	menuBot: 'Menu bot',
	assistant: 'AI assistant',
	replies: 'Insider replies',
};

/** What the banner says about the two bots and where the contact's messages go. */
function botsBanner(
	owner: ConversationalWorkflow,
	model: ModelProvider | undefined,
	n8nUrl: string,
	sandboxUrl: string | undefined,
) {
	const assistant = model
		? `active, with the credential "OpenAI (assistant)" (${model.baseUrl ?? 'OpenAI'})`
		: 'imported but inactive: run  npm start -- --openai-key sk-…  to turn it on';
	const to = (workflow: ConversationalWorkflow) => demoWebhook(n8nUrl, workflow).url;
	// The alternative worth offering: the menu bot next to the assistant, else the workflow that
	// continues the template example's conversation.
	const switchTo: ConversationalWorkflow = owner === 'assistant' ? 'menuBot' : 'replies';
	const howToSwitch = sandboxUrl
		? `Insider has one conversational webhook per account; hand the contact to ${BOT_NAMES[switchTo]} with
      curl -X PUT ${sandboxUrl}/sandbox/config -H 'Content-Type: application/json' \\
        -d '{"webhook":{"url":"${to(switchTo)}","token":"${EXAMPLE_TOKEN}"}}'`
		: `Set InOne's conversational webhook to ${to(owner)} (Bearer, token "${EXAMPLE_TOKEN}").`;
	return `Bots:
    Menu bot:       active
    AI assistant:   ${assistant}
    The contact's messages go to ${BOT_NAMES[owner]}: ${to(owner)}
    ${howToSwitch}`;
}

function build() {
	console.log('Building the package…');
	const result = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	if (result.status !== 0) throw new Error('npm run build failed');
}

async function main() {
	const options = startOptions(process.argv.slice(2));
	build();

	let sandbox: InsiderSandbox | undefined;
	const n8nUrl = `http://127.0.0.1:${options.port}`;
	const model: ModelProvider | undefined = options.openAiKey
		? { apiKey: options.openAiKey, baseUrl: options.openAiBaseUrl }
		: undefined;
	const owner: ConversationalWorkflow = model ? 'assistant' : 'menuBot';
	if (!options.insiderKey) {
		sandbox = await startSandbox({
			port: options.sandboxPort,
			keys: [DEFAULT_SANDBOX_KEY],
			// A human watches the ticks change; Insider's retry minutes become seconds.
			eventIntervalMs: 1500,
			timeScale: 0.01,
			failingRecipients: ['+15550009999'],
			webhook: demoWebhook(n8nUrl, owner),
		});
	}
	const apiKey = options.insiderKey ?? DEFAULT_SANDBOX_KEY;
	const baseUrl = sandbox ? sandbox.url : options.insiderBaseUrl;

	if (options.externalN8n) {
		installBuiltPackage(options.externalN8n);
		console.log(`
The package is installed in ${path.join(options.externalN8n, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-insider-whatsapp')}.
Restart your n8n, then create an "Insider WhatsApp API" credential with
  API Key:  ${sandbox ? apiKey : '(your key)'}
  Base URL: ${baseUrl}
and import the workflows in examples/ (the AI assistant also needs an OpenAI credential).${sandbox ? `\nSandbox phone preview: ${sandbox.url}/  (its conversational webhook points at ${demoWebhook(n8nUrl, owner).url}: activate that workflow)` : ''}
Ctrl-C stops the sandbox.`);
		await waitForInterrupt(async () => await sandbox?.stop());
		return;
	}

	const install = await ensureN8n(N8N_VERSIONS.v2);
	const userFolder = path.join(cacheRoot(), 'dev-user-folder');
	fs.mkdirSync(userFolder, { recursive: true });
	const n8n = new N8nInstance(install, { port: options.port, owner: OWNER, userFolder });
	console.log('Importing the example workflows and credentials…');
	await importDemo(n8n, { apiKey, baseUrl }, n8nUrl, { model });
	console.log('Starting n8n…');
	await n8n.start();

	console.log(`
  n8n with the Insider WhatsApp nodes is ready.

  Editor:         ${n8nUrl}/   (log in as ${OWNER.email} / ${OWNER.password})
  ${sandbox ? `Phone preview:  ${sandbox.url}/   (the Insider sandbox; API key ${apiKey})` : `Insider:        ${baseUrl} with your key`}

  ${botsBanner(owner, model, n8nUrl, sandbox?.url)}

  What to click first:
    1. Click "Overview" (the house icon in the left bar), then the workflow
       "Ask with quick-reply buttons and wait for the tap".
    2. Click "Execute workflow" at the bottom of the canvas: a quick reply goes to
       +15550001111 and the execution waits.
    3. Open the phone preview and tap "Yes please": the same execution goes on to "Wants updates".
    4. Write "hi" in the phone preview: ${BOT_NAMES[owner]} answers${owner === 'menuBot' ? ' with a menu; tap a topic' : ''}.

  n8n's log: ${path.join(userFolder, 'n8n.log')}
  Ctrl-C stops n8n and the sandbox.
`);
	await waitForInterrupt(async () => {
		await n8n.stop();
		await sandbox?.stop();
	});
}

function waitForInterrupt(cleanUp: () => Promise<void>): Promise<void> {
	return new Promise((resolve) => {
		const stop = () => {
			console.log('\nStopping…');
			void cleanUp().then(resolve);
		};
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	});
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
