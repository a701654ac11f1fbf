/**
 * The sandbox's stand-in for Insider's request validation: the envelope of a send request here,
 * each message through the rule table in rules/. Insider documents the same envelope for
 * /v1/send and /v1/conversational/send, so both use it.
 */
import { Checker, checkMessage, type ValidationProblem } from './rules';
import { isObject } from './rules/checker';

export type { ValidationProblem } from './rules';

const E164 = /^\+[1-9]\d{7,14}$/;

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

/** Messages to recipients the sandbox was told Insider refuses, named like any other problem. */
export function rejectedRecipientProblems(body: unknown, rejected: string[]): ValidationProblem[] {
	const messages = isObject(body) && Array.isArray(body.messages) ? body.messages : [];
	return messages.flatMap((message: unknown, index: number) =>
		isObject(message) && rejected.includes(String(message.phoneNumber))
			? [{ field: `messages[${index}].phoneNumber`, problem: 'recipient refused by Insider' }]
			: [],
	);
}

/** Insider's error body: the code twice, a message and a detail line. */
export function insiderErrorBody(code: number, message: string, detail: string) {
	return {
		error: { code, message },
		errorCode: String(code),
		errors: `${message}. | ErrorCode: ${code}  | ${detail}`,
		message,
	};
}

/** Insider's 400 body for a request that failed validation (code 2002). */
export function validationErrorBody(problems: ValidationProblem[]) {
	const detail = problems.map((p) => `Key: '${p.field}' Error: ${p.problem}`).join('; ');
	return insiderErrorBody(
		2002,
		'failed to validate request',
		`Parameters: map[] | Error: ${detail}`,
	);
}

/** Insider's 400 body for a body that is not JSON or multipart it cannot read (code 2001). */
export function decodeErrorBody(reason: string) {
	return insiderErrorBody(2001, 'failed to decode request', `Error: ${reason}`);
}
