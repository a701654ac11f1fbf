/**
 * What the contact tapped in a recorded message, and the inbound message Meta reports for it:
 * a reply button (interactive button_reply), a list row (interactive list_reply) or a template
 * quick-reply button (type button, with the button's payload and text).
 */
import { HttpProblem } from './httpIo';
import type { RecordedMessage, RecordedReply } from './records';

export type TapTarget =
	| { buttonId: string }
	| { rowId: string }
	/** A template quick-reply button by its component index or its payload; `text` is its label. */
	| { buttonIndex?: number; payload?: string; text?: string };

export interface Tap {
	reply: Omit<RecordedReply, 'at'>;
	/** The inbound message's type-specific fields, as in Meta's webhook. */
	inbound: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function interactiveOf(message: RecordedMessage, type: string): Json {
	const interactive = asObject(message.message.interactive);
	if (message.message.type !== 'interactive' || interactive.type !== type)
		throw new HttpProblem(404, `message ${message.key} is not an interactive ${type} message`);
	return interactive;
}

function tapReplyButton(message: RecordedMessage, buttonId: string): Tap {
	const action = asObject(interactiveOf(message, 'button').action);
	const button = asArray(action.buttons)
		.map((b) => asObject(asObject(b).reply))
		.find((reply) => reply.id === buttonId);
	if (!button)
		throw new HttpProblem(404, `message ${message.key} has no button with id "${buttonId}"`);
	const id = String(button.id);
	const title = String(button.title);
	return {
		reply: { buttonId: id, title },
		inbound: {
			type: 'interactive',
			interactive: { type: 'button_reply', button_reply: { id, title } },
		},
	};
}

function tapListRow(message: RecordedMessage, rowId: string): Tap {
	const action = asObject(interactiveOf(message, 'list').action);
	const row = asArray(action.sections)
		.flatMap((section) => asArray(asObject(section).rows).map(asObject))
		.find((r) => r.id === rowId);
	if (!row) throw new HttpProblem(404, `message ${message.key} has no list row with id "${rowId}"`);
	const listReply: Json = { id: String(row.id), title: String(row.title) };
	if (typeof row.description === 'string') listReply.description = row.description;
	return {
		reply: {
			rowId: String(row.id),
			title: String(row.title),
			description: listReply.description as string | undefined,
		},
		inbound: { type: 'interactive', interactive: { type: 'list_reply', list_reply: listReply } },
	};
}

/** A template's quick-reply buttons: their component index and payload. */
export function templateQuickReplies(message: Json): Array<{ index: number; payload: string }> {
	const template = asObject(message.template);
	return asArray(template.components)
		.map(asObject)
		.filter((c) => c.type === 'button' && String(c.sub_type).toLowerCase() === 'quick_reply')
		.map((c) => ({
			index: Number(c.index),
			payload: String(asObject(asArray(c.parameters)[0]).payload ?? ''),
		}));
}

function tapTemplateButton(
	message: RecordedMessage,
	target: { buttonIndex?: number; payload?: string; text?: string },
): Tap {
	if (message.message.type !== 'template')
		throw new HttpProblem(404, `message ${message.key} is not a template message`);
	const button = templateQuickReplies(message.message).find(
		(b) =>
			(target.buttonIndex === undefined || b.index === target.buttonIndex) &&
			(target.payload === undefined || b.payload === target.payload),
	);
	const wanted =
		target.buttonIndex !== undefined
			? `index ${target.buttonIndex}`
			: `payload "${target.payload}"`;
	if (!button)
		throw new HttpProblem(404, `message ${message.key} has no quick-reply button with ${wanted}`);
	// The sandbox never sees the template's approved text, so the label defaults to the payload.
	const text = target.text ?? button.payload;
	return {
		reply: { payload: button.payload, title: text },
		inbound: { type: 'button', button: { payload: button.payload, text } },
	};
}

export function resolveTap(message: RecordedMessage, target: TapTarget): Tap {
	if ('buttonId' in target) return tapReplyButton(message, target.buttonId);
	if ('rowId' in target) return tapListRow(message, target.rowId);
	return tapTemplateButton(message, target);
}
