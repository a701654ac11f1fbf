/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Workflows saved with version 0.1.0 keep sending exactly what they sent then. The fixture's
 * request bodies were captured byte for byte from 0.1.0 running the same saved node.
 */
import fs from 'fs';
import path from 'path';

import type { InsiderSandbox } from '../../sandbox/server';
import { runInsiderWhatsApp } from '../support/engine';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';

const FIXTURES = path.resolve(__dirname, '../fixtures/v0.1.0');
const saved = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'quick-reply-workflow.json'), 'utf8'));
const captured = JSON.parse(
	fs.readFileSync(path.join(FIXTURES, 'quick-reply-requests.json'), 'utf8'),
) as { bodies: string[]; output: Array<Record<string, unknown>> };

let sandbox: InsiderSandbox;
beforeAll(async () => (sandbox = await startTestSandbox({ rateLimitPerSecond: 0 })));
afterAll(async () => await sandbox.stop());

test('a Send Quick Reply node saved with 0.1.0 sends the same request bodies, byte for byte', async () => {
	const result = await runInsiderWhatsApp({
		parameters: saved.nodes[0].parameters,
		items: saved.items,
		credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
	});
	expect(result.error).toBeUndefined();
	expect(sandbox.requests.map((request) => request.endpoint)).toEqual([
		'/v1/conversational/send',
		'/v1/conversational/send',
	]);
	expect(sandbox.requests.map((request) => request.body)).toEqual(captured.bodies);
	// The output items keep their fields and order; Insider's keys differ, and since 0.2.0 the
	// callback URL's token is shown as *** (it opens the trigger), while Insider still gets it.
	const withoutKeys = (items: Array<Record<string, unknown>>) =>
		items.map(({ key, ...rest }) => ({ ...rest, key: typeof key }));
	const redacted = captured.output.map((item) => ({
		...item,
		callbackUrl: String(item.callbackUrl).replace('token=abc', 'token=***'),
	}));
	expect(withoutKeys(result.items.map((item) => item.json))).toEqual(withoutKeys(redacted));
	expect(JSON.stringify(result.items)).not.toContain('token=abc');
	expect(JSON.stringify(result.items.map((item) => Object.keys(item.json)))).toBe(
		JSON.stringify(captured.output.map((item) => Object.keys(item))),
	);
});
