/**
 * The sandbox's stand-in for Insider's request validation. It is written independently of the
 * node's own checks on purpose: it encodes the rule table of insider-whatsapp-api.md, so a
 * node bug that builds a bad payload is caught here instead of being agreed with.
 */

type Json = Record<string, unknown>;

export interface ValidationProblem {
	/** Path in the request body, e.g. messages[0].message.interactive.body.text */
	field: string;
	problem: string;
}

const E164 = /^\+[1-9]\d{7,14}$/;
const EMOJI = /\p{Extended_Pictographic}/u;
const MARKDOWN = /([*_~])[^\s*_~][^*_~]*\1|```/;
const HTTPS = /^https:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/i;

const chars = (value: string) => Array.from(value).length;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

class Checker {
	readonly problems: ValidationProblem[] = [];

	fail(field: string, problem: string) {
		this.problems.push({ field, problem });
	}

	/** A required string of 1..max code points; returns it when present. */
	text(field: string, value: unknown, max: number, required = true): string | undefined {
		if (value === undefined || value === null) {
			if (required) this.fail(field, 'required');
			return undefined;
		}
		if (typeof value !== 'string') return (this.fail(field, 'must be a string'), undefined);
		if (required && value.trim() === '') return (this.fail(field, 'must not be empty'), undefined);
		if (chars(value) > max) this.fail(field, `length ${chars(value)} exceeds max ${max}`);
		return value;
	}

	media(field: string, value: unknown, allowFilename: boolean) {
		if (!isObject(value)) return this.fail(field, 'required object');
		const hasLink = value.link !== undefined;
		const hasId = value.id !== undefined;
		if (hasLink === hasId) this.fail(field, 'exactly one of link or id is required');
		if (hasLink && (typeof value.link !== 'string' || !HTTPS.test(value.link))) {
			this.fail(`${field}.link`, 'must be an https URL');
		}
		if (hasId && (typeof value.id !== 'string' || value.id.trim() === ''))
			this.fail(`${field}.id`, 'must be a non-empty string');
		if (value.filename !== undefined && !allowFilename)
			this.fail(`${field}.filename`, 'only allowed for documents');
		if (value.caption !== undefined) this.text(`${field}.caption`, value.caption, 1024, false);
	}
}

function checkButtonMessage(c: Checker, path: string, interactive: Json) {
	const header = interactive.header;
	if (header !== undefined) {
		if (!isObject(header)) c.fail(`${path}.header`, 'must be an object');
		else {
			const type = header.type;
			if (type === 'text') {
				const text = c.text(`${path}.header.text`, header.text, 60);
				if (text && MARKDOWN.test(text)) c.fail(`${path}.header.text`, 'markdown is not allowed');
			} else if (type === 'image' || type === 'video' || type === 'document') {
				c.media(`${path}.header.${type}`, header[type], type === 'document');
			} else {
				c.fail(
					`${path}.header.type`,
					`must be one of text, image, video, document (got ${JSON.stringify(type)})`,
				);
			}
		}
	}
	c.text(`${path}.body.text`, isObject(interactive.body) ? interactive.body.text : undefined, 1024);
	if (interactive.footer !== undefined) {
		c.text(
			`${path}.footer.text`,
			isObject(interactive.footer) ? interactive.footer.text : undefined,
			60,
		);
	}
	const buttons = isObject(interactive.action) ? interactive.action.buttons : undefined;
	if (!Array.isArray(buttons)) return c.fail(`${path}.action.buttons`, 'required array');
	if (buttons.length < 1 || buttons.length > 3) {
		c.fail(`${path}.action.buttons`, `must hold 1 to 3 buttons (got ${buttons.length})`);
	}
	const ids = new Set<string>();
	const titles = new Set<string>();
	buttons.forEach((button: unknown, index) => {
		const at = `${path}.action.buttons[${index}]`;
		if (!isObject(button)) return c.fail(at, 'must be an object');
		if (button.type !== 'reply') c.fail(`${at}.type`, 'must be "reply"');
		const reply = isObject(button.reply) ? button.reply : {};
		const id = c.text(`${at}.reply.id`, reply.id, 256);
		if (id !== undefined) {
			if (id.trim() !== id) c.fail(`${at}.reply.id`, 'leading or trailing spaces are not allowed');
			if (EMOJI.test(id)) c.fail(`${at}.reply.id`, 'emoji are not allowed');
			if (ids.has(id)) c.fail(`${at}.reply.id`, 'must be unique within the message');
			ids.add(id);
		}
		const title = c.text(`${at}.reply.title`, reply.title, 20);
		if (title !== undefined) {
			if (MARKDOWN.test(title)) c.fail(`${at}.reply.title`, 'markdown is not allowed');
			const normalized = title.trim().toLowerCase();
			if (titles.has(normalized)) c.fail(`${at}.reply.title`, 'must be unique within the message');
			titles.add(normalized);
		}
	});
}

function checkMessage(c: Checker, path: string, message: unknown) {
	if (!isObject(message)) return c.fail(path, 'required object');
	const type = message.type;
	switch (type) {
		case 'interactive': {
			const interactive = message.interactive;
			if (!isObject(interactive)) return c.fail(`${path}.interactive`, 'required object');
			if (interactive.type === 'button')
				return checkButtonMessage(c, `${path}.interactive`, interactive);
			if (interactive.type === 'list') {
				c.text(
					`${path}.interactive.body.text`,
					isObject(interactive.body) ? interactive.body.text : undefined,
					4096,
				);
				const sections = isObject(interactive.action) ? interactive.action.sections : undefined;
				if (!Array.isArray(sections) || sections.length === 0)
					c.fail(`${path}.interactive.action.sections`, 'required array');
				return;
			}
			if (interactive.type === 'cta_url') return;
			return c.fail(
				`${path}.interactive.type`,
				`unsupported interactive type ${JSON.stringify(interactive.type)}`,
			);
		}
		case 'text':
			c.text(`${path}.text.body`, isObject(message.text) ? message.text.body : undefined, 4096);
			return;
		case 'image':
		case 'video':
		case 'audio':
		case 'document':
		case 'sticker':
			return c.media(`${path}.${type}`, message[type], type === 'document');
		case 'template':
			if (!isObject(message.template) || typeof message.template.name !== 'string') {
				c.fail(`${path}.template.name`, 'required');
			}
			return;
		case 'location':
			return;
		default:
			c.fail(`${path}.type`, `unsupported message type ${JSON.stringify(type)}`);
	}
}

/** Validates a whole send request; an empty result means Insider would accept it. */
export function validateSendRequest(body: unknown): ValidationProblem[] {
	const c = new Checker();
	if (!isObject(body)) {
		c.fail('SubProductMessages', 'request body must be a JSON object');
		return c.problems;
	}
	if (body.from !== undefined && (typeof body.from !== 'string' || !E164.test(body.from))) {
		c.fail('from', 'must be an E.164 phone number');
	}
	if (
		body.callback !== undefined &&
		(typeof body.callback !== 'string' || !/^https?:\/\/\S+$/.test(body.callback))
	) {
		c.fail('callback', 'must be an http(s) URL');
	}
	const messages = body.messages;
	if (!Array.isArray(messages) || messages.length === 0) {
		c.fail(
			'SubProductMessages.Messages',
			"Field validation for 'Messages' failed on the 'required' tag",
		);
		return c.problems;
	}
	messages.forEach((entry: unknown, index) => {
		const path = `messages[${index}]`;
		if (!isObject(entry)) return c.fail(path, 'must be an object');
		if (typeof entry.phoneNumber !== 'string' || !E164.test(entry.phoneNumber)) {
			c.fail(`${path}.phoneNumber`, 'must be an E.164 phone number (+ and 8 to 15 digits)');
		}
		checkMessage(c, `${path}.message`, entry.message);
	});
	return c.problems;
}

/** Insider's 400 body for a request that failed validation (code 2002). */
/** Messages to recipients the sandbox was told Insider refuses, named like any other problem. */
export function rejectedRecipientProblems(body: unknown, rejected: string[]): ValidationProblem[] {
	const messages = isObject(body) && Array.isArray(body.messages) ? body.messages : [];
	return messages.flatMap((message: unknown, index: number) =>
		isObject(message) && rejected.includes(String(message.phoneNumber))
			? [{ field: `messages[${index}].phoneNumber`, problem: 'recipient refused by Insider' }]
			: [],
	);
}

export function validationErrorBody(problems: ValidationProblem[]) {
	const detail = problems.map((p) => `Key: '${p.field}' Error: ${p.problem}`).join('; ');
	return {
		error: { code: 2002, message: 'failed to validate request' },
		errorCode: '2002',
		errors: `failed to validate request. | ErrorCode: 2002  | Parameters: map[] | Error: ${detail}`,
		message: 'failed to validate request',
	};
}

/** Insider's 400 body for a body that is not JSON (code 2001). */
export function decodeErrorBody(reason: string) {
	return {
		error: { code: 2001, message: 'failed to decode request' },
		errorCode: '2001',
		errors: `failed to decode request. | ErrorCode: 2001  | Error: ${reason}`,
		message: 'failed to decode request',
	};
}
