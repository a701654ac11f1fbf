/** Interactive messages: the parts they share and a table of their kinds (button, list, cta_url). */
import type { Checker, Json } from './checker';
import { MARKDOWN, isObject } from './checker';
import { checkCtaUrlAction } from './ctaUrl';
import { checkListAction } from './list';
import { checkMediaObject } from './media';
import { checkReplyButtonsAction } from './replyButtons';

type HeaderType = 'text' | 'image' | 'video' | 'document';

interface InteractiveKind {
	/** Header types allowed; a list's header can only be text (Insider's header table). */
	headers: readonly HeaderType[];
	action: (c: Checker, path: string, action: Json) => void;
}

const MEDIA_HEADERS: readonly HeaderType[] = ['text', 'image', 'video', 'document'];

const INTERACTIVE_KINDS: Record<string, InteractiveKind> = {
	button: { headers: MEDIA_HEADERS, action: checkReplyButtonsAction },
	list: { headers: ['text'], action: checkListAction },
	cta_url: { headers: MEDIA_HEADERS, action: checkCtaUrlAction },
};

const HEADER_TEXT_MAX = 60;
const BODY_MAX = 1024;
const FOOTER_MAX = 60;

function checkHeader(c: Checker, path: string, value: unknown, allowed: readonly HeaderType[]) {
	const header = c.object(path, value, false);
	if (!header || !c.oneOf(`${path}.type`, header.type, allowed)) return;
	const type = header.type as HeaderType;
	if (type === 'text') {
		const text = c.text(`${path}.text`, header.text, HEADER_TEXT_MAX);
		if (text && MARKDOWN.test(text)) c.fail(`${path}.text`, 'markdown is not allowed');
	} else {
		checkMediaObject(c, `${path}.${type}`, header[type], type);
	}
}

export function checkInteractiveMessage(c: Checker, path: string, message: Json) {
	const at = `${path}.interactive`;
	const interactive = c.object(at, message.interactive);
	if (!interactive) return;
	if (!c.oneOf(`${at}.type`, interactive.type, Object.keys(INTERACTIVE_KINDS))) return;
	const kind = INTERACTIVE_KINDS[interactive.type as string];
	checkHeader(c, `${at}.header`, interactive.header, kind.headers);
	// A missing body is reported as its missing text, the field a caller has to fill.
	const body = isObject(interactive.body) ? interactive.body : {};
	c.text(`${at}.body.text`, body.text, BODY_MAX);
	const footer = c.object(`${at}.footer`, interactive.footer, false);
	if (footer) c.text(`${at}.footer.text`, footer.text, FOOTER_MAX);
	const action = c.object(`${at}.action`, interactive.action);
	if (action) kind.action(c, `${at}.action`, action);
}
