/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * What users see: the nodes in the real n8n 2.41.1 editor, driven by Debian's Chromium through
 * playwright-core the way a person uses it (see harness/editor.ts), and the README's "What to
 * click first" step by step. Screenshots go to a temporary folder; `npm run docs:screenshots`
 * writes them into docs/, where the README shows them.
 */
import path from 'path';
import type { Browser, Page } from 'playwright-core';

import type { InsiderSandbox } from '../../sandbox/server';
import { waitFor } from '../support/http';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import { E2E_TIME_SCALE } from './harness/callbackTime';
import {
	canvasNode,
	chooseOption,
	clickWithMouse,
	launchChromium,
	openNode,
	openOptionsList,
	openWorkflowFromOverview,
	parameter,
	screenshotFolder,
	signIn,
} from './harness/editor';
import { DEMO_OWNER, demoWebhook, importDemo } from '../../dev/n8n/demo';
import { ensureN8n, N8N_VERSIONS } from '../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../dev/n8n/n8nInstance';

const WORKFLOW = 'exampleAskAndWait';
/** The example's name, as the README's "What to click first" gives it. */
const WORKFLOW_NAME = 'Ask with quick-reply buttons and wait for the tap';
const REPLIES_WORKFLOW_NAME = 'Insider replies';
const FIELDS_COPY = 'browserFields';
const LIMIT_COPY = 'browserLimit';
const copyName = (id: string) => `Browser test ${id}`;

describe('the nodes in the n8n editor', () => {
	let sandbox: InsiderSandbox;
	let n8n: N8nInstance;
	let browser: Browser;
	let screenshots: string;
	const screenshot = async (page: Page, name: string) =>
		await page.screenshot({ path: path.join(screenshots, name) });

	beforeAll(async () => {
		const install = await ensureN8n(N8N_VERSIONS.v2);
		sandbox = await startTestSandbox({
			rateLimitPerSecond: 10,
			timeScale: E2E_TIME_SCALE,
			eventIntervalMs: 300,
		});
		const port = await freePort();
		n8n = new N8nInstance(install, { port, owner: DEMO_OWNER });
		const examples = await importDemo(
			n8n,
			{ apiKey: TEST_KEY, baseUrl: sandbox.url },
			`http://127.0.0.1:${port}`,
		);
		// The editor saves changes as they are made, so tests that edit get their own copies.
		const original = examples.find((example) => example.workflow.id === WORKFLOW)?.workflow as {
			nodes: Array<Record<string, unknown>>;
		};
		await n8n.importWorkflows(
			[FIELDS_COPY, LIMIT_COPY].map((id) => ({
				...original,
				id,
				name: copyName(id),
				nodes: original.nodes.map((node) =>
					node.webhookId ? { ...node, webhookId: `${id}-hook` } : node,
				),
			})),
			false,
		);
		await n8n.start();
		// As `npm start` without a model key: the menu bot owns the conversational webhook (its
		// trigger also resumes Send and Wait executions).
		sandbox.configure({ webhook: demoWebhook(n8n.url, 'menuBot') });
		browser = await launchChromium();
		screenshots = screenshotFolder();
	});

	afterAll(async () => {
		if (screenshots) process.stderr.write(`[browser] screenshots in ${screenshots}\n`);
		await browser?.close();
		await n8n?.stop();
		await sandbox?.stop();
	});

	/** A new visitor's page, signed in, showing the workflow opened from n8n's Overview. */
	async function openWorkflow(name: string): Promise<Page> {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await signIn(page, n8n.url, DEMO_OWNER);
		await openWorkflowFromOverview(page, name);
		return page;
	}

	test('Send Quick Reply and Wait for Tap renders every field with its hints, and the fields of each header type', async () => {
		const page = await openWorkflow(copyName(FIELDS_COPY));
		await openNode(page, 'Ask for updates');
		const ndv = page.locator('[data-test-id="ndv"]');
		await expect(parameter(page, 'operation').locator('input').inputValue()).resolves.toBe(
			'Send Quick Reply and Wait for Tap',
		);
		// waitFor, not isVisible: on a loaded machine the panel renders its fields over a while.
		for (const name of ['phoneNumber', 'headerType', 'headerText', 'bodyText', 'footerText']) {
			await parameter(page, name).waitFor({ state: 'visible' });
		}
		const text = await ndv.innerText();
		for (const label of [
			'Phone Number',
			'Header Type',
			'Header Text',
			'Body Text',
			'Footer Text',
			'Buttons',
			'Title',
			'ID',
			'Add Button',
			'Options',
		]) {
			expect(text).toContain(label);
		}
		expect(text).toContain(
			'WhatsApp delivers this message only if the contact wrote to your number in the last 24 hours',
		);
		expect(text).toContain('Leave empty to use the title as a slug');
		await parameter(page, 'title').nth(1).waitFor();
		expect(await parameter(page, 'title').count()).toBe(2);
		await screenshot(page, 'node-panel.png');

		await chooseOption(page, 'headerType', 'Image');
		await parameter(page, 'headerMediaLink').waitFor();
		await parameter(page, 'headerMediaSource').waitFor({ state: 'visible' });
		await parameter(page, 'headerText').waitFor({ state: 'detached' });
		await chooseOption(page, 'headerMediaSource', 'Media ID');
		await parameter(page, 'headerMediaId').waitFor();
		await chooseOption(page, 'headerType', 'Document');
		await parameter(page, 'headerFilename').waitFor();
		await chooseOption(page, 'headerType', 'None');
		await parameter(page, 'headerFilename').waitFor({ state: 'detached' });

		const optionsList = await openOptionsList(page);
		expect(optionsList).toEqual(['Limit Wait Time', 'Sender Number', 'Status Callback URL']);
		await page.keyboard.press('Escape');
		await page.close();
	});

	test('a fourth button is reported with the limit when the step runs', async () => {
		const page = await openWorkflow(copyName(LIMIT_COPY));
		await openNode(page, 'Ask for updates');
		await page.locator('[data-test-id="fixed-collection-add"]').click();
		await parameter(page, 'title').nth(2).waitFor();
		await page.locator('[data-test-id="fixed-collection-add"]').click();
		await parameter(page, 'title').nth(3).waitFor();
		expect(await parameter(page, 'title').count()).toBe(4);
		await page.locator('[data-test-id="node-execute-button"]').first().click();
		const output = page.locator('[data-test-id="output-panel"]');
		await output
			.getByText('Buttons: 4 buttons given; a quick reply needs 1 to 3')
			.first()
			.waitFor({ timeout: 60_000 });
		await screenshot(page, 'node-button-limit.png');
		expect(sandbox.messages).toHaveLength(0);
		await page.close();
	});

	test('the trigger shows its production URL and the setup help', async () => {
		const page = await openWorkflow(REPLIES_WORKFLOW_NAME);
		await openNode(page, 'Insider replies');
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.getByText('Webhook URLs').first().click();
		await ndv.getByText('Production URL').first().click();
		await ndv.getByText(`${n8n.url}/webhook/insider-replies/webhook`).first().waitFor();
		const text = await ndv.innerText();
		expect(text).toContain('Use the Production URL above in two places in Insider');
		expect(text).toContain('Status Callback URL');
		expect(text).toContain('conversational webhook');
		for (const label of ['Events', 'Authentication', 'Options']) expect(text).toContain(label);
		await screenshot(page, 'trigger-panel.png');
		await page.close();
	});

	/** The README's "What to click first", click by click. */
	test('README walk: sign in, open the workflow from the Overview, Execute workflow sends and waits; a tap in the phone preview resumes the same execution into the Yes branch', async () => {
		// 1. Log in to the editor and open the workflow.
		const page = await openWorkflow(WORKFLOW_NAME);
		// 2. Click Execute workflow (the button at the bottom of the canvas).
		await clickWithMouse(page, page.locator('[data-test-id="execute-workflow-button"]'));
		const [message] = await waitFor(
			() => sandbox.messages.length > 0 && sandbox.messages,
			60_000,
			'the quick reply',
		);
		expect(sandbox.messages).toHaveLength(1);

		// The execution waits at the node, and the editor shows it.
		const latest = async () =>
			(
				await n8n.query<{ id: number; status: string }>(
					`SELECT id, status FROM execution_entity WHERE workflowId = '${WORKFLOW}' ORDER BY id DESC LIMIT 1`,
				)
			)[0];
		const waiting = await waitFor(
			async () => {
				const execution = await latest();
				return execution?.status === 'waiting' && execution;
			},
			60_000,
			'the execution to wait',
			{ intervalMs: 250 },
		);
		// n8n marks the node it waits in with the class `waiting` (an outlined node on the canvas).
		await canvasNode(page, 'Ask for updates')
			.locator('.waiting')
			.first()
			.waitFor({ timeout: 30_000 });
		await screenshot(page, 'ask-and-wait-waiting.png');

		// 3. Open the phone preview and tap Yes please.
		const phone = await browser.newPage({ viewport: { width: 480, height: 760 } });
		await phone.goto(sandbox.url);
		const bubble = phone.locator(`article[data-key="${message.key}"]`);
		await bubble
			.getByText('Would you like delivery updates on WhatsApp?', { exact: false })
			.waitFor();
		expect(await bubble.innerText()).toContain('Your order has shipped');
		await bubble.locator('.tick.read').waitFor({ timeout: 30_000 });
		await screenshot(phone, 'phone-preview.png');
		await clickWithMouse(phone, bubble.locator('button', { hasText: 'Yes please' }));
		await bubble.locator('.reply', { hasText: 'Yes please' }).waitFor();

		// The same execution resumed (no new one) and ran the Yes branch.
		const finished = await waitFor(
			async () => {
				const [row] = await n8n.query<{ status: string; data: string }>(
					`SELECT e.status AS status, d.data AS data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.id = ${waiting.id}`,
				);
				return row?.status === 'success' && row;
			},
			60_000,
			'the execution to finish',
			{ intervalMs: 250 },
		);
		expect((await latest()).id).toBe(waiting.id);
		expect(finished.data).toContain('updates_yes');
		expect(finished.data).toContain('Subscribe +15550001111 to delivery updates');
		await canvasNode(page, 'Wants updates')
			.locator('[data-test-id="canvas-node-status-success"]')
			.waitFor({ timeout: 30_000 });
		await screenshot(page, 'ask-and-wait-done.png');
		await phone.close();
		await page.close();
	});

	/** The README's "What to click first", step 4: the menu bot in the phone preview. */
	test('README walk: "hi" typed and sent in the phone preview gets the menu bot\'s list; a tapped row gets its answer, quoting the tap', async () => {
		const phone = await browser.newPage({ viewport: { width: 480, height: 760 } });
		await phone.goto(sandbox.url);
		// 4. Write hi in the box at the bottom and click ➤ (Send).
		await clickWithMouse(phone, phone.locator('[data-test-id="contact-text"]'));
		await phone.keyboard.type('hi');
		await clickWithMouse(phone, phone.locator('[data-test-id="contact-send"]'));
		// The menu arrives: How can we help?, with its See topics button.
		const menu = phone.locator('article', { hasText: 'How can we help?' }).last();
		await menu.waitFor({ timeout: 60_000 });
		// What the keyboard typed is what the contact sent.
		expect(sandbox.inbound[sandbox.inbound.length - 1].message).toMatchObject({
			type: 'text',
			text: { body: 'hi' },
		});
		await screenshot(phone, 'menu-bot-menu.png');
		// Click ☰ See topics, then Opening hours.
		await clickWithMouse(phone, menu.locator('button', { hasText: 'See topics' }));
		await clickWithMouse(phone, menu.locator('button', { hasText: 'Opening hours' }));
		await phone
			.locator('article', { hasText: 'We are open every day from 9:00 to 21:00' })
			.waitFor({ timeout: 60_000 });
		await screenshot(phone, 'menu-bot-answer.png');

		// The sandbox saw the same: the menu to the contact, then the answer quoting the tap.
		const menuMessage = sandbox.messages.find((m) =>
			JSON.stringify(m.message).includes('How can we help?'),
		);
		const tap = menuMessage?.replies.find((r) => r.rowId === 'opening_hours');
		expect(tap?.waMessageId).toBeDefined();
		const answer = sandbox.messages.find((m) =>
			JSON.stringify(m.message).includes('We are open every day'),
		);
		expect(answer?.phoneNumber).toBe(menuMessage?.phoneNumber);
		expect(answer?.message.context).toEqual({ message_id: tap?.waMessageId });
		await phone.close();
	});
});
