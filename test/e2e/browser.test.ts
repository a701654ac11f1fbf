/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * What users see: the nodes in the real n8n 2.41.1 editor, driven by Debian's Chromium through
 * playwright-core. It also regenerates the screenshots in docs/ that the README shows.
 */
import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import type { InsiderSandbox } from '../../sandbox/server';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import { E2E_TIME_SCALE } from './harness/callbackTime';
import { DEMO_OWNER, demoRepliesWebhook, importDemo } from '../../dev/n8n/demo';
import { ensureN8n, N8N_VERSIONS } from '../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../dev/n8n/n8nInstance';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DOCS = path.resolve(__dirname, '../../docs');
const WORKFLOW = 'exampleAskAndWait';
const REPLIES_WORKFLOW = 'exampleInsiderReplies';
const FIELDS_COPY = 'browserFields';
const LIMIT_COPY = 'browserLimit';

const param = (page: Page, name: string) =>
	page.locator(`[data-test-id="parameter-input-${name}"]`);

describe('the nodes in the n8n editor', () => {
	let sandbox: InsiderSandbox;
	let n8n: N8nInstance;
	let browser: Browser;

	beforeAll(async () => {
		if (!fs.existsSync(CHROMIUM))
			throw new Error(
				`Chromium not found at ${CHROMIUM}: install Debian's chromium package (see .ci/run)`,
			);
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
				name: `Browser test ${id}`,
				nodes: original.nodes.map((node) =>
					node.webhookId ? { ...node, webhookId: `${id}-hook` } : node,
				),
			})),
			false,
		);
		await n8n.start();
		sandbox.configure({ webhook: demoRepliesWebhook(n8n.url) });
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		fs.mkdirSync(DOCS, { recursive: true });
	});

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		await sandbox?.stop();
	});

	/** A logged-in page showing the example workflow. */
	async function openWorkflow(workflowId = WORKFLOW, nodeName = 'Ask for updates'): Promise<Page> {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await page.goto(`${n8n.url}/signin`);
		await page
			.locator('input[type=email], input[name=emailOrLdapLoginId]')
			.first()
			.fill(DEMO_OWNER.email);
		await page.locator('input[type=password]').fill(DEMO_OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		await page.goto(`${n8n.url}/workflow/${workflowId}`);
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).waitFor();
		return page;
	}

	async function openNode(page: Page, name: string) {
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
		await page.locator('[data-test-id="ndv"]').waitFor();
	}

	async function chooseOption(page: Page, parameter: string, option: string) {
		await param(page, parameter).click();
		// An option shows its name as a headline above its description.
		await page
			.locator('.el-select-dropdown__item:visible .option-headline', {
				hasText: new RegExp(`^\\s*${option}\\s*$`),
			})
			.first()
			.click();
	}

	/**
	 * The names in the Options collection's "Add Option" list. The list renders after the click
	 * (and a click landing while the previous dropdown still closes is swallowed), so this waits for
	 * the entries and clicks again if none appear.
	 */
	async function openOptionsList(page: Page): Promise<string[]> {
		const entries = page.locator('[data-test-id="collection-parameter-option"]:visible');
		for (let attempt = 1; attempt <= 3; attempt++) {
			await page.locator('input[placeholder="Add Option"]').click();
			const shown = await entries
				.first()
				.waitFor({ timeout: 5_000 })
				.then(
					() => true,
					() => false,
				);
			if (shown) break;
			await page.keyboard.press('Escape');
		}
		return (await entries.allInnerTexts()).map((entry) => entry.trim());
	}

	test('Send Quick Reply and Wait for Tap renders every field with its hints, and the fields of each header type', async () => {
		const page = await openWorkflow(FIELDS_COPY);
		await openNode(page, 'Ask for updates');
		const ndv = page.locator('[data-test-id="ndv"]');
		await expect(param(page, 'operation').locator('input').inputValue()).resolves.toBe(
			'Send Quick Reply and Wait for Tap',
		);
		// waitFor, not isVisible: on a loaded machine the panel renders its fields over a while.
		for (const name of ['phoneNumber', 'headerType', 'headerText', 'bodyText', 'footerText']) {
			await param(page, name).waitFor({ state: 'visible' });
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
		await param(page, 'title').nth(1).waitFor();
		expect(await param(page, 'title').count()).toBe(2);
		await page.screenshot({ path: path.join(DOCS, 'node-panel.png') });

		await chooseOption(page, 'headerType', 'Image');
		await param(page, 'headerMediaLink').waitFor();
		await param(page, 'headerMediaSource').waitFor({ state: 'visible' });
		await param(page, 'headerText').waitFor({ state: 'detached' });
		await chooseOption(page, 'headerMediaSource', 'Media ID');
		await param(page, 'headerMediaId').waitFor();
		await chooseOption(page, 'headerType', 'Document');
		await param(page, 'headerFilename').waitFor();
		await chooseOption(page, 'headerType', 'None');
		await param(page, 'headerFilename').waitFor({ state: 'detached' });

		const optionsList = await openOptionsList(page);
		expect(optionsList).toEqual(['Limit Wait Time', 'Sender Number', 'Status Callback URL']);
		await page.keyboard.press('Escape');
		await page.close();
	});

	test('a fourth button is reported with the limit when the step runs', async () => {
		const page = await openWorkflow(LIMIT_COPY);
		await openNode(page, 'Ask for updates');
		await page.locator('[data-test-id="fixed-collection-add"]').click();
		await param(page, 'title').nth(2).waitFor();
		await page.locator('[data-test-id="fixed-collection-add"]').click();
		await param(page, 'title').nth(3).waitFor();
		expect(await param(page, 'title').count()).toBe(4);
		await page.locator('[data-test-id="node-execute-button"]').first().click();
		const output = page.locator('[data-test-id="output-panel"]');
		await output
			.getByText('Buttons: 4 buttons given; a quick reply needs 1 to 3')
			.first()
			.waitFor({ timeout: 60_000 });
		await page.screenshot({ path: path.join(DOCS, 'node-button-limit.png') });
		expect(sandbox.messages).toHaveLength(0);
		await page.close();
	});

	test('the trigger shows its production URL and the setup help', async () => {
		const page = await openWorkflow(REPLIES_WORKFLOW, 'Insider replies');
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
		await page.screenshot({ path: path.join(DOCS, 'trigger-panel.png') });
		await page.close();
	});

	/** The README's "What to click first", click by click. */
	test('README walk: Execute workflow sends and waits; a tap in the phone preview resumes the same execution into the Yes branch', async () => {
		const page = await openWorkflow();
		// The canvas pane lies over the floating button, so the click is dispatched to it directly.
		await page
			.locator(
				'[data-test-id="execute-workflow-button-Start"], [data-test-id="execute-workflow-button"]',
			)
			.first()
			.dispatchEvent('click');
		const started = Date.now();
		while (sandbox.messages.length === 0 && Date.now() - started < 60_000)
			await page.waitForTimeout(200);
		expect(sandbox.messages).toHaveLength(1);
		const [message] = sandbox.messages;

		// The editor shows the execution waiting at the node.
		const statusOf = async () =>
			(
				await n8n.query<{ id: number; status: string }>(
					`SELECT id, status FROM execution_entity WHERE workflowId = '${WORKFLOW}' ORDER BY id DESC LIMIT 1`,
				)
			)[0];
		for (let i = 0; i < 240 && (await statusOf())?.status !== 'waiting'; i++) {
			await page.waitForTimeout(250);
		}
		const waiting = await statusOf();
		expect(waiting.status).toBe('waiting');
		// n8n marks the node it waits in with the class `waiting` (an outlined node on the canvas).
		await page
			.locator('[data-test-id="canvas-node"][data-node-name="Ask for updates"] .waiting')
			.first()
			.waitFor({ timeout: 30_000 });
		await page.screenshot({ path: path.join(DOCS, 'ask-and-wait-waiting.png') });

		const phone = await browser.newPage({ viewport: { width: 480, height: 760 } });
		await phone.goto(sandbox.url);
		const bubble = phone.locator(`article[data-key="${message.key}"]`);
		await bubble
			.getByText('Would you like delivery updates on WhatsApp?', { exact: false })
			.waitFor();
		expect(await bubble.innerText()).toContain('Your order has shipped');
		await bubble.locator('.tick.read').waitFor({ timeout: 30_000 });
		await phone.screenshot({ path: path.join(DOCS, 'phone-preview.png') });

		await bubble.locator('button', { hasText: 'Yes please' }).click();
		await bubble.locator('.reply', { hasText: 'Yes please' }).waitFor();
		let row: { status: string; data: string } | undefined;
		for (let i = 0; i < 240; i++) {
			row = (
				await n8n.query<{ status: string; data: string }>(
					`SELECT e.status AS status, d.data AS data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.id = ${waiting.id}`,
				)
			)[0];
			if (row?.status === 'success') break;
			await phone.waitForTimeout(250);
		}
		// The same execution resumed (no new one) and ran the Yes branch.
		expect(row?.status).toBe('success');
		expect((await statusOf()).id).toBe(waiting.id);
		expect(row?.data).toContain('updates_yes');
		expect(row?.data).toContain('Subscribe +15550001111 to delivery updates');
		await page
			.locator('[data-test-id="canvas-node"][data-node-name="Wants updates"]')
			.locator('[data-test-id="canvas-node-status-success"]')
			.waitFor({ timeout: 30_000 });
		await page.screenshot({ path: path.join(DOCS, 'ask-and-wait-done.png') });
		await phone.close();
		await page.close();
	});
});
