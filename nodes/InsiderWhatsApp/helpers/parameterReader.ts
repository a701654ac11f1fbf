import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemFieldTemplate } from './itemFieldTemplate';
import { compileItemFieldTemplate, renderItemFieldTemplate } from './itemFieldTemplate';

/** Whether a raw parameter value holds an n8n expression anywhere inside it. */
function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(hasExpression);
	return false;
}

/**
 * How a parameter is read, decided once per execution: its one value when it has no
 * expression, otherwise per item, from the item itself when the expression only reads fields.
 */
type ParameterSource =
	| { kind: 'static'; value: unknown }
	| { kind: 'perItem'; template: ItemFieldTemplate | undefined };

/**
 * Reads node parameters per item, cheaply enough for campaigns of thousands of items:
 * - a parameter without expressions is resolved once, not once per item;
 * - a top-level parameter whose expression only reads fields of the item (`{{ $json.phone }}`)
 *   is rendered from the item directly (see itemFieldTemplate.ts), n8n evaluates the rest.
 */
export class ParameterReader {
	private readonly sources = new Map<string, ParameterSource>();
	private items: INodeExecutionData[] | undefined;

	constructor(private readonly context: IExecuteFunctions) {}

	get<T>(name: string, itemIndex: number, fallback: T): T {
		let source = this.sources.get(name);
		if (source === undefined) {
			source = this.sourceOf(name, itemIndex, fallback);
			this.sources.set(name, source);
		}
		if (source.kind === 'static') return source.value as T;
		if (source.template) {
			const rendered = renderItemFieldTemplate(source.template, this.itemJson(itemIndex));
			if (rendered !== undefined) return rendered as T;
		}
		return this.context.getNodeParameter(name, itemIndex, fallback) as T;
	}

	/** Nested names such as `buttons.button` are looked up in their top-level parameter. */
	private sourceOf<T>(name: string, itemIndex: number, fallback: T): ParameterSource {
		const topLevel = name.split('.')[0];
		const raw = this.context.getNode().parameters[topLevel];
		if (!hasExpression(raw))
			return { kind: 'static', value: this.context.getNodeParameter(name, itemIndex, fallback) };
		// Only a whole top-level parameter can be a template; a nested name points into a collection.
		return {
			kind: 'perItem',
			template: name === topLevel ? compileItemFieldTemplate(raw) : undefined,
		};
	}

	/** `$json` in an expression is the node's input item at that index (main input 0). */
	private itemJson(itemIndex: number): IDataObject | undefined {
		this.items ??= this.context.getInputData();
		return this.items[itemIndex]?.json;
	}
}
