import type { IExecuteFunctions } from 'n8n-workflow';

/** Whether a raw parameter value holds an n8n expression anywhere inside it. */
function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(hasExpression);
	return false;
}

/**
 * Reads node parameters per item through n8n's own `getNodeParameter`, so every value and every
 * error is exactly what n8n (and the editor's preview) gives. A parameter without expressions has
 * the same value for every item, so it is resolved once per execution instead of once per item.
 */
export class ParameterReader {
	private readonly constants = new Map<string, unknown>();

	private readonly perItem = new Set<string>();

	constructor(private readonly context: IExecuteFunctions) {}

	get<T>(name: string, itemIndex: number, fallback: T): T {
		if (this.constants.has(name)) return this.constants.get(name) as T;
		const value = this.context.getNodeParameter(name, itemIndex, fallback) as T;
		if (!this.perItem.has(name)) {
			// Nested names such as `buttons.button` hold an expression if their top level does.
			const raw = this.context.getNode().parameters[name.split('.')[0]];
			if (hasExpression(raw)) this.perItem.add(name);
			else this.constants.set(name, value);
		}
		return value;
	}
}
