import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { ParameterReader } from '../../../nodes/InsiderWhatsApp/actions/parameterReader';

/** Just what ParameterReader uses of n8n's context: the node's raw parameters and getNodeParameter. */
function fakeContext(parameters: Record<string, unknown>, items: Array<Record<string, unknown>>) {
	const calls: Array<[string, number]> = [];
	const resolve = (value: unknown, item: Record<string, unknown>): unknown => {
		if (typeof value === 'string' && value.startsWith('={{ $json.'))
			return item[value.slice('={{ $json.'.length, -' }}'.length)];
		if (Array.isArray(value)) return value.map((v) => resolve(v, item));
		if (typeof value === 'object' && value !== null)
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, item)]));
		return value;
	};
	const context = {
		getNode: () => ({ parameters }) as unknown as INode,
		getNodeParameter: (name: string, itemIndex: number, fallback: unknown) => {
			calls.push([name, itemIndex]);
			const value = name
				.split('.')
				.reduce<unknown>(
					(current, key) => (current as Record<string, unknown> | undefined)?.[key],
					parameters,
				);
			return value === undefined ? fallback : resolve(value, items[itemIndex]);
		},
	} as unknown as IExecuteFunctions;
	return { context, calls };
}

describe('ParameterReader', () => {
	const items = [{ phone: '+15550001111' }, { phone: '+15550002222' }, { phone: '+15550003333' }];

	it('asks n8n once for a parameter without expressions and reuses its value', () => {
		const { context, calls } = fakeContext({ bodyText: 'Hello' }, items);
		const reader = new ParameterReader(context);
		expect(items.map((_, i) => reader.get('bodyText', i, ''))).toEqual(['Hello', 'Hello', 'Hello']);
		expect(calls).toEqual([['bodyText', 0]]);
	});

	it('asks n8n for every item when the parameter holds an expression', () => {
		const { context, calls } = fakeContext({ phoneNumber: '={{ $json.phone }}' }, items);
		const reader = new ParameterReader(context);
		expect(items.map((_, i) => reader.get('phoneNumber', i, ''))).toEqual(
			items.map((item) => item.phone),
		);
		expect(calls).toEqual([
			['phoneNumber', 0],
			['phoneNumber', 1],
			['phoneNumber', 2],
		]);
	});

	it('treats a nested name as per item when an expression sits anywhere under its top level', () => {
		const { context, calls } = fakeContext(
			{ buttons: { button: [{ id: 'a', title: '={{ $json.phone }}' }] } },
			items,
		);
		const reader = new ParameterReader(context);
		reader.get('buttons.button', 0, []);
		expect(reader.get('buttons.button', 1, [])).toEqual([{ id: 'a', title: '+15550002222' }]);
		expect(calls).toHaveLength(2);
	});

	it('returns the fallback for a missing parameter, once', () => {
		const { context, calls } = fakeContext({}, items);
		const reader = new ParameterReader(context);
		expect(reader.get('options', 0, { batchSize: 50 })).toEqual({ batchSize: 50 });
		expect(reader.get('options', 2, { batchSize: 50 })).toEqual({ batchSize: 50 });
		expect(calls).toEqual([['options', 0]]);
	});

	it('lets n8n decide what a plain "=" prefix means: it counts as an expression', () => {
		const { context, calls } = fakeContext({ footerText: '=Thanks' }, items);
		const reader = new ParameterReader(context);
		reader.get('footerText', 0, '');
		reader.get('footerText', 1, '');
		expect(calls).toHaveLength(2);
	});
});
