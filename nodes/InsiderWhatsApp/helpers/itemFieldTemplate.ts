import type { IDataObject } from 'n8n-workflow';

/**
 * A fast path for the commonest per-item expressions: ones that only read fields of the current
 * item, alone (`={{ $json.phone }}`) or inside text (`=Hi {{ $json.name }}, ...`).
 *
 * Why: n8n 2.x evaluates every expression in an isolated VM, about 0.3 ms a call. A campaign
 * node with two such expressions spends seconds per ten thousand contacts before the first
 * message can go out (see BENCHMARKS.md). Reading a field needs no code execution, so these
 * expressions are rendered here the way n8n renders them; anything else (code, functions,
 * other nodes, escapes, a missing field, a non-primitive value) is handed back to n8n.
 */

/** Literal text, or the property names of a `$json` path. */
type Part = string | readonly string[];

export interface ItemFieldTemplate {
	readonly parts: readonly Part[];
}

const IDENTIFIER = '[A-Za-z_$][\\w$]*';
const QUOTED_NAME = `"[^"\\\\]*"|'[^'\\\\]*'`;
/** `{{ $json.a.b }}`, `{{ $json["a b"] }}`: property reads only, no calls or indexes. */
const FIELD = new RegExp(
	`\\{\\{\\s*\\$json((?:\\.${IDENTIFIER}|\\[(?:${QUOTED_NAME})\\])+)\\s*\\}\\}`,
	'g',
);
const SEGMENT = new RegExp(`\\.(${IDENTIFIER})|\\[(?:"([^"\\\\]*)"|'([^'\\\\]*)')\\]`, 'g');
/** Names n8n treats specially or refuses; expressions using them stay with n8n. */
const RESERVED_NAMES = new Set(['constructor', '__proto__', 'prototype']);
/** n8n rejects any expression matching this, even in its text. */
const CONSTRUCTOR_ACCESS = /\.\s*constructor/;

/** Text n8n would output unchanged: no brackets it would parse and no escapes it would rewrite. */
const isPlainText = (text: string) =>
	!text.includes('{{') && !text.includes('}}') && !text.includes('\\');

function parsePath(source: string): string[] {
	const names: string[] = [];
	SEGMENT.lastIndex = 0;
	for (let match = SEGMENT.exec(source); match; match = SEGMENT.exec(source)) {
		names.push(match[1] ?? match[2] ?? match[3]);
	}
	return names;
}

/** The template of a raw parameter value, or undefined when n8n must evaluate it. */
export function compileItemFieldTemplate(raw: unknown): ItemFieldTemplate | undefined {
	if (typeof raw !== 'string' || !raw.startsWith('=')) return undefined;
	const source = raw.slice(1);
	if (CONSTRUCTOR_ACCESS.test(source)) return undefined;
	const parts: Part[] = [];
	let textStart = 0;
	FIELD.lastIndex = 0;
	for (let match = FIELD.exec(source); match; match = FIELD.exec(source)) {
		const text = source.slice(textStart, match.index);
		if (!isPlainText(text)) return undefined;
		if (text) parts.push(text);
		const path = parsePath(match[1]);
		if (path.some((name) => RESERVED_NAMES.has(name))) return undefined;
		parts.push(path);
		textStart = match.index + match[0].length;
	}
	const tail = source.slice(textStart);
	if (!isPlainText(tail)) return undefined;
	if (tail) parts.push(tail);
	return { parts };
}

const MISSING = Symbol('missing');

function readField(json: IDataObject, path: readonly string[]): unknown {
	let value: unknown = json;
	for (const name of path) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return MISSING;
		if (!Object.prototype.hasOwnProperty.call(value, name)) return MISSING;
		value = (value as IDataObject)[name];
	}
	return value;
}

type Primitive = string | number | boolean;
const isPrimitive = (value: unknown): value is Primitive =>
	typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * The template's value for one item, as n8n would give it: a lone field keeps its type, text
 * joins the fields' string forms (NaN renders as empty text, as in n8n). Undefined means n8n
 * must evaluate it (a field is missing, null or not a string, number or boolean).
 */
export function renderItemFieldTemplate(
	template: ItemFieldTemplate,
	json: IDataObject | undefined,
): Primitive | undefined {
	if (json === undefined) return undefined;
	const { parts } = template;
	if (parts.length === 1 && typeof parts[0] !== 'string') {
		const value = readField(json, parts[0]);
		return isPrimitive(value) ? value : undefined;
	}
	let rendered = '';
	for (const part of parts) {
		if (typeof part === 'string') {
			rendered += part;
			continue;
		}
		const value = readField(json, part);
		if (!isPrimitive(value)) return undefined;
		rendered += typeof value === 'number' && Number.isNaN(value) ? '' : String(value);
	}
	return rendered;
}
