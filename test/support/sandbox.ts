/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sandbox keys */
import { InsiderSandbox } from '../../sandbox/server';
import type { SandboxOptions } from '../../sandbox/options';

export const TEST_KEY = 'INS.test-key-0123456789';

/** Starts a sandbox on a free loopback port for one test file; stop it in afterAll. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<InsiderSandbox> {
	return await new InsiderSandbox({
		keys: [TEST_KEY],
		timeScale: 0.0001,
		eventIntervalMs: 5,
		...options,
	}).start();
}

/** Quick-reply parameters as the node's panel would store them. */
export function quickReplyParameters(overrides: Record<string, unknown> = {}) {
	return {
		resource: 'message',
		operation: 'sendQuickReply',
		phoneNumber: '={{ $json.phone }}',
		headerType: 'none',
		bodyText: 'Would you like delivery updates on WhatsApp?',
		buttons: {
			button: [
				{ id: 'updates_yes', title: 'Yes please' },
				{ id: 'updates_no', title: 'No thanks' },
			],
		},
		options: {},
		...overrides,
	};
}
