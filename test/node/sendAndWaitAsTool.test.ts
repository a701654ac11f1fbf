/**
 * Send and Wait saved in a node an AI agent runs (n8n's `insiderWhatsAppTool`, or n8n 2.x's
 * `insiderWhatsAppHitlTool` review node): the node refuses with the reason before anything is
 * sent, since a tap cannot resume an agent's tool call (README, "Send and Wait as a tool").
 * n8n runs these versions with the node's own execute() under the suffixed type name.
 */
import type { INodeType } from 'n8n-workflow';

import { InsiderWhatsApp } from '../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import type { InsiderSandbox } from '../../sandbox/server';
import { runInsiderWhatsApp } from '../support/engine';
import { quickReplyParameters, startTestSandbox, TEST_KEY } from '../support/sandbox';

const CONTACT = { phone: '+15550001111' };

let sandbox: InsiderSandbox;
beforeAll(async () => (sandbox = await startTestSandbox({ rateLimitPerSecond: 0 })));
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

/** The node under the type name n8n gives one of its agent versions. */
function agentVersion(name: string): INodeType {
	const node = new InsiderWhatsApp();
	node.description = { ...node.description, name };
	return node;
}

const run = (name: string, operation: string, continueOnFail = false) =>
	runInsiderWhatsApp({
		nodeType: agentVersion(name),
		parameters: quickReplyParameters({ operation }),
		items: [CONTACT],
		credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
		continueOnFail,
	});

describe.each(['insiderWhatsAppTool', 'insiderWhatsAppHitlTool'])('as %s', (name) => {
	test('Send and Wait fails with the reason and sends nothing', async () => {
		const { error, run: execution } = await run(name, 'sendAndWait');
		expect(error?.message).toBe('Send Quick Reply and Wait for Tap cannot be used by an AI agent');
		expect(error?.description).toContain("A tap cannot resume an agent's tool call");
		expect(error?.description).toContain('Nothing was sent.');
		expect(execution.waitTill).toBeUndefined();
		expect(sandbox.requests).toEqual([]);
	});

	test('with Continue On Fail the agent gets the reason as one error item', async () => {
		const { items, error } = await run(name, 'sendAndWait', true);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ error: 'Send Quick Reply and Wait for Tap cannot be used by an AI agent' },
		]);
		expect(sandbox.requests).toEqual([]);
	});

	test('Send Quick Reply still sends', async () => {
		const { error } = await run(name, 'sendQuickReply');
		expect(error).toBeUndefined();
		expect(sandbox.messages.map((message) => message.phoneNumber)).toEqual([CONTACT.phone]);
	});
});
