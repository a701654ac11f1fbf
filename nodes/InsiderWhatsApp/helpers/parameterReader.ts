import type { IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

/** Whether a raw parameter value holds an n8n expression anywhere inside it. */
function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(hasExpression);
	return false;
}

/**
 * Reads node parameters per item, but resolves a parameter without expressions only once:
 * for a campaign of thousands of items, resolving every static field per item is most of the
 * node's CPU time, while only fields such as the phone number really change.
 */
export class ParameterReader {
	private readonly staticValues = new Map<string, NodeParameterValueType | object>();

	constructor(private readonly context: IExecuteFunctions) {}

	get<T>(name: string, itemIndex: number, fallback: T): T {
		const cached = this.staticValues.get(name);
		if (cached !== undefined) return cached as T;
		const value = this.context.getNodeParameter(name, itemIndex, fallback) as T;
		if (!this.isDynamic(name)) this.staticValues.set(name, value as NodeParameterValueType);
		return value;
	}

	/** Nested names such as `buttons.button` are looked up in their top-level parameter. */
	private isDynamic(name: string): boolean {
		const top = name.split('.')[0];
		return hasExpression(this.context.getNode().parameters[top]);
	}
}
