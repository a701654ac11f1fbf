import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeParameterValueType } from 'n8n-workflow';

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
 * Reads node parameters per item, cheaply enough for campaigns of thousands of items:
 * - a parameter without expressions is resolved once, not once per item;
 * - a top-level parameter whose expression only reads fields of the item (`{{ $json.phone }}`)
 *   is rendered from the item directly (see itemFieldTemplate.ts), n8n evaluates the rest.
 */
export class ParameterReader {
	private readonly staticValues = new Map<string, NodeParameterValueType | object>();
	private readonly dynamicNames = new Map<string, boolean>();
	private readonly templates = new Map<string, ItemFieldTemplate | undefined>();
	private items: INodeExecutionData[] | undefined;

	constructor(private readonly context: IExecuteFunctions) {}

	get<T>(name: string, itemIndex: number, fallback: T): T {
		const cached = this.staticValues.get(name);
		if (cached !== undefined) return cached as T;
		if (!this.isDynamic(name)) {
			const value = this.context.getNodeParameter(name, itemIndex, fallback) as T;
			this.staticValues.set(name, value as NodeParameterValueType);
			return value;
		}
		const template = this.templateOf(name);
		if (template) {
			const rendered = renderItemFieldTemplate(template, this.itemJson(itemIndex));
			if (rendered !== undefined) return rendered as T;
		}
		return this.context.getNodeParameter(name, itemIndex, fallback) as T;
	}

	/** Nested names such as `buttons.button` are looked up in their top-level parameter. */
	private isDynamic(name: string): boolean {
		let dynamic = this.dynamicNames.get(name);
		if (dynamic === undefined) {
			dynamic = hasExpression(this.context.getNode().parameters[name.split('.')[0]]);
			this.dynamicNames.set(name, dynamic);
		}
		return dynamic;
	}

	/** Only top-level parameters: nested values may be expressions inside collections. */
	private templateOf(name: string): ItemFieldTemplate | undefined {
		if (!this.templates.has(name)) {
			const raw = name.includes('.') ? undefined : this.context.getNode().parameters[name];
			this.templates.set(name, compileItemFieldTemplate(raw));
		}
		return this.templates.get(name);
	}

	/** `$json` in an expression is the node's input item at that index (main input 0). */
	private itemJson(itemIndex: number): IDataObject | undefined {
		this.items ??= this.context.getInputData();
		return this.items[itemIndex]?.json;
	}
}
