/**
 * The sandbox's rule table: message type -> rules. Written independently of the node's own
 * checks on purpose, from Insider's documentation (and Meta's where Insider passes Meta's
 * object through), so a node bug that builds a bad payload is caught here, not agreed with.
 */
import type { Json } from './checker';
import { Checker, isObject } from './checker';
import { checkInteractiveMessage } from './interactive';
import { mediaMessageRule } from './media';
import { checkTemplateMessage } from './template';
import { checkLocationMessage, checkTextMessage } from './text';

export type { ValidationProblem } from './checker';
export { Checker };

type MessageRule = (c: Checker, path: string, message: Json) => void;

export const MESSAGE_RULES: Record<string, MessageRule> = {
	text: checkTextMessage,
	image: mediaMessageRule('image'),
	video: mediaMessageRule('video'),
	audio: mediaMessageRule('audio'),
	document: mediaMessageRule('document'),
	sticker: mediaMessageRule('sticker'),
	location: checkLocationMessage,
	interactive: checkInteractiveMessage,
	template: checkTemplateMessage,
};

/** One message object of a send request, at `path` (e.g. messages[2].message). */
export function checkMessage(c: Checker, path: string, message: unknown) {
	if (!isObject(message)) return c.fail(path, 'required object');
	const known =
		typeof message.type === 'string' &&
		Object.prototype.hasOwnProperty.call(MESSAGE_RULES, message.type);
	const rule = known ? MESSAGE_RULES[message.type as string] : undefined;
	if (!rule)
		return c.fail(
			`${path}.type`,
			`unsupported message type ${JSON.stringify(message.type)}; use one of ${Object.keys(MESSAGE_RULES).join(', ')}`,
		);
	// Any message may answer an earlier one (Meta's reply-to context).
	const context = c.object(`${path}.context`, message.context, false);
	if (context) c.text(`${path}.context.message_id`, context.message_id);
	rule(c, path, message);
}
