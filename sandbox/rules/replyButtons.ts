/** The action of a reply-button (quick reply) message: 1 to 3 buttons of type reply. */
import type { Checker, Json } from './checker';
import { EMOJI, MARKDOWN, isObject } from './checker';

const ID_MAX = 256;
const TITLE_MAX = 20;

export function checkReplyButtonsAction(c: Checker, path: string, action: Json) {
	const buttons = c.array(`${path}.buttons`, action.buttons, 1, 3, 'buttons');
	if (!buttons) return;
	const ids = new Set<string>();
	const titles = new Set<string>();
	buttons.forEach((button: unknown, index) => {
		const at = `${path}.buttons[${index}]`;
		if (!isObject(button)) return c.fail(at, 'must be an object');
		if (button.type !== 'reply') c.fail(`${at}.type`, 'must be "reply"');
		const reply = isObject(button.reply) ? button.reply : {};
		const id = c.text(`${at}.reply.id`, reply.id, ID_MAX);
		if (id !== undefined) {
			if (id.trim() !== id) c.fail(`${at}.reply.id`, 'leading or trailing spaces are not allowed');
			if (EMOJI.test(id)) c.fail(`${at}.reply.id`, 'emoji are not allowed');
			if (ids.has(id)) c.fail(`${at}.reply.id`, 'must be unique within the message');
			ids.add(id);
		}
		const title = c.text(`${at}.reply.title`, reply.title, TITLE_MAX);
		if (title !== undefined) {
			if (MARKDOWN.test(title)) c.fail(`${at}.reply.title`, 'markdown is not allowed');
			const normalized = title.trim().toLowerCase();
			if (titles.has(normalized)) c.fail(`${at}.reply.title`, 'must be unique within the message');
			titles.add(normalized);
		}
	});
}
