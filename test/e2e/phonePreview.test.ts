/**
 * The sandbox's phone preview in a real browser, without n8n, used with the mouse and keyboard
 * as a person would: the contact writes (Enter sends), sends the sample photo with a caption and
 * the voice note; each reaches the conversational webhook and shows as the contact's bubble; a
 * read receipt turns its ticks blue and "typing…" shows until the business answers; a list row
 * tapped in the preview still answers the list.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
import fs from 'fs';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import type { InsiderSandbox } from '../../sandbox/server';
import { postSend, startReceiver } from '../support/http';
import { sendBody } from '../support/messages';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CONTACT = '+15550001111';

let sandbox: InsiderSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package`);
	receiver = await startReceiver();
	sandbox = await startTestSandbox({
		rateLimitPerSecond: 0,
		contactNumber: CONTACT,
		webhook: { url: `${receiver.url}/hook` },
	});
	browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
	page = await browser.newPage({ viewport: { width: 460, height: 900 } });
	await page.goto(sandbox.url);
});

afterAll(async () => {
	await browser?.close();
	await sandbox?.stop();
	await receiver?.stop();
});

const inboundTypes = () =>
	receiver.received.map(
		(r) =>
			(
				r.body as {
					entry: Array<{ changes: Array<{ value: { messages: Array<{ type: string }> } }> }>;
				}
			).entry[0].changes[0].value.messages[0].type,
	);

test('the contact writes, sends a photo with a caption and a voice note, and sees them as its bubbles', async () => {
	const text = page.locator('[data-test-id="contact-text"]');
	await text.click();
	await page.keyboard.type('Hi, are you open?');
	await page.keyboard.press('Enter');
	await page.locator('article.contact', { hasText: 'Hi, are you open?' }).waitFor();

	await text.click();
	await page.keyboard.type('My receipt');
	await page.locator('[data-test-id="contact-photo"]').click();
	const photo = page.locator('article.contact[data-type="image"]');
	await photo.locator('img.picture').waitFor();
	expect(await photo.innerText()).toContain('My receipt');
	expect(
		await photo
			.locator('img.picture')
			.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
	).toBe(96);

	await page.locator('[data-test-id="contact-voice"]').click();
	await page.locator('article.contact[data-type="audio"]', { hasText: 'Voice note' }).waitFor();

	expect(inboundTypes()).toEqual(['text', 'image', 'audio']);
	expect(sandbox.inbound.map((m) => m.phoneNumber)).toEqual([CONTACT, CONTACT, CONTACT]);
	expect(await page.locator('article.contact .receipt.read').count()).toBe(0);
});

test('a read receipt with typing turns the ticks blue and shows typing… until the business answers', async () => {
	const last = sandbox.inbound[sandbox.inbound.length - 1].waMessageId;
	const read = await fetch(`${sandbox.url}/v1/106540352242922/messages`, {
		method: 'POST',
		headers: { 'X-INS-AUTH-KEY': TEST_KEY, 'User-Agent': 'preview-test' },
		body: JSON.stringify({
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: last,
			typing_indicator: { type: 'text' },
		}),
	});
	expect(read.status).toBe(200);
	await page.locator('[data-test-id="typing-indicator"]').waitFor();
	await page.waitForFunction(
		"document.querySelectorAll('article.contact .receipt.read').length === 3",
	);

	await postSend(
		sandbox.url,
		sendBody({ type: 'text', text: { body: 'Yes, until 8 pm.' } }, CONTACT),
	);
	await page.locator('article', { hasText: 'Yes, until 8 pm.' }).waitFor();
	await page.locator('[data-test-id="typing-indicator"]').waitFor({ state: 'detached' });
});

test('a list row tapped in the preview answers the list, shown under it with the contact’s ticks', async () => {
	const list = {
		type: 'interactive',
		interactive: {
			type: 'list',
			body: { text: 'What would you like?' },
			action: {
				button: 'Menu',
				sections: [{ title: 'Shop', rows: [{ id: 'hours', title: 'Opening hours' }] }],
			},
		},
	};
	const { body } = await postSend(sandbox.url, sendBody(list, CONTACT));
	const [key] = body.keys as string[];
	const bubble = page.locator(`article[data-key="${key}"]`);
	await bubble.locator('button.open-list').click();
	await bubble.locator('button', { hasText: 'Opening hours' }).click();
	await bubble.locator('.reply', { hasText: 'Opening hours' }).locator('.receipt').waitFor();
	expect(inboundTypes().slice(-1)).toEqual(['interactive']);
	expect(sandbox.messages.find((m) => m.key === key)?.replies).toEqual([
		expect.objectContaining({ rowId: 'hours', waMessageId: expect.stringMatching(/^wamid\./) }),
	]);
});
