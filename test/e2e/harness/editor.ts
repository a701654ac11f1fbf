/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Driving n8n's editor (and the sandbox's phone preview) the way a person does: the address
 * typed once, sign-in with the keyboard and mouse, workflows opened from n8n's Overview by
 * their name, buttons clicked with the mouse where they are shown.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import type { Owner } from '../../../dev/n8n/n8nInstance';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium (CHROMIUM_PATH elsewhere), headless, without its background traffic. */
export async function launchChromium(): Promise<Browser> {
	if (!fs.existsSync(CHROMIUM))
		throw new Error(
			`Chromium not found at ${CHROMIUM}: install Debian's chromium package (see .ci/run)`,
		);
	return await chromium.launch({
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
}

/** Set to 1 by `npm run docs:screenshots`: the screenshots replace the README's in docs/. */
const WRITE_DOCS = process.env.DOCS_SCREENSHOTS === '1';
const DOCS = path.resolve(__dirname, '../../../docs');

/** Where this run's screenshots go: docs/ when asked, else a fresh temporary folder. */
export function screenshotFolder(): string {
	return WRITE_DOCS ? DOCS : fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-browser-'));
}

/** How often a click looks for its element again when n8n re-rendered it under the pointer. */
const CLICK_ATTEMPTS = 5;

/**
 * Moves the mouse onto the middle of the visible element and clicks there, after checking that
 * the element is what lies under the pointer (nothing covers it). n8n re-renders lists while it
 * loads (slowly with both cores busy), so the element found may be replaced before the pointer
 * reaches it: then it looks again, as a person would, before anything is pressed.
 */
export async function clickWithMouse(page: Page, target: Locator): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			await pointAt(page, target);
			break;
		} catch (error) {
			if (attempt >= CLICK_ATTEMPTS || !(error instanceof Error) || !REPLACED.test(error.message))
				throw error;
			await target.waitFor({ state: 'visible' });
		}
	}
	await page.mouse.down();
	await page.mouse.up();
}

/** What Playwright and pointAt say when the element was replaced or moved on the way. */
const REPLACED = /not attached to the DOM|is not visible|something covers/;

/** Moves the mouse onto the element's middle and checks that the element is what lies there. */
async function pointAt(page: Page, target: Locator): Promise<void> {
	await target.scrollIntoViewIfNeeded();
	const box = await target.boundingBox();
	if (!box) throw new Error(`${target} is not visible`);
	const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
	await page.mouse.move(x, y, { steps: 5 });
	const underPointer = await target.evaluate(
		(element, [px, py]) => element.contains(element.ownerDocument.elementFromPoint(px, py)),
		[x, y],
	);
	if (!underPointer) throw new Error(`something covers ${target} at (${x}, ${y})`);
}

/** Opens the editor's address, which sends a new visitor to n8n's sign-in page, and signs in. */
export async function signIn(page: Page, editorUrl: string, owner: Owner): Promise<void> {
	await page.goto(editorUrl);
	await page.getByLabel('Email').fill(owner.email);
	await page.getByLabel('Password').fill(owner.password);
	await clickWithMouse(page, page.getByRole('button', { name: 'Sign in' }));
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** From wherever n8n starts: the Overview (the house in the left bar), then the workflow's name. */
export async function openWorkflowFromOverview(page: Page, name: string): Promise<void> {
	await clickWithMouse(page, page.getByRole('menuitem', { name: 'Overview' }));
	const card = page.locator('[data-test-id="workflow-card-name"]', {
		hasText: new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`),
	});
	await card.waitFor();
	await clickWithMouse(page, card);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor();
}

export const parameter = (page: Page, name: string) =>
	page.locator(`[data-test-id="parameter-input-${name}"]`);

export const canvasNode = (page: Page, name: string) =>
	page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);

/** Opens a node's panel by double-clicking it on the canvas. */
export async function openNode(page: Page, name: string): Promise<void> {
	await canvasNode(page, name).dblclick();
	await page.locator('[data-test-id="ndv"]').waitFor();
}

/** Picks an option of a drop-down parameter; an option shows its name above its description. */
export async function chooseOption(page: Page, name: string, option: string): Promise<void> {
	await parameter(page, name).click();
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
export async function openOptionsList(page: Page): Promise<string[]> {
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
