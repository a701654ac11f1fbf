/**
 * The node renders expressions that only read item fields itself (helpers/itemFieldTemplate.ts).
 * These tests hold it to n8n's own evaluator: for every expression it accepts, the value must be
 * exactly what n8n-workflow's Expression gives for the same item; everything else is left to n8n.
 */
import type { IDataObject, INodeExecutionData, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import {
	compileItemFieldTemplate,
	renderItemFieldTemplate,
} from '../../nodes/InsiderWhatsApp/helpers/itemFieldTemplate';

const NODE = 'Insider WhatsApp';
const nodeTypes = {
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;
const workflow = new Workflow({
	nodes: [{ id: '1', name: NODE, type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }],
	connections: {},
	active: false,
	nodeTypes,
});

/** What n8n makes of the expression for this item. */
function n8nValue(expression: string, json: IDataObject): unknown {
	const items: INodeExecutionData[] = [{ json }];
	return workflow.expression.getParameterValue(expression, null, 0, 0, NODE, items, 'manual', {});
}

const contact: IDataObject = {
	phone: '+15550001111',
	name: 'Ada',
	orderNumber: 4711,
	total: 12.5,
	vip: true,
	optedIn: false,
	zero: 0,
	empty: '',
	notANumber: NaN,
	'first name': 'Ada Lovelace',
	address: { city: 'London', postcode: 'W1' },
	tags: ['a', 'b'],
	nothing: null,
	$price: '9.99',
};

const rendered: string[] = [
	'={{ $json.phone }}',
	'={{$json.phone}}',
	'={{ $json.orderNumber }}',
	'={{ $json.vip }}',
	'={{ $json.zero }}',
	'={{ $json.empty }}',
	'={{ $json.address.city }}',
	'={{ $json["first name"] }}',
	"={{ $json['first name'] }}",
	'={{ $json.$price }}',
	'=Hi {{ $json.name }}, would you like delivery updates on WhatsApp?',
	'=Order {{ $json.orderNumber }}: {{ $json.total }} EUR',
	'=VIP: {{ $json.vip }}, opted in: {{ $json.optedIn }}, zero: {{ $json.zero }}',
	'=[{{ $json.empty }}]',
	'=[{{ $json.notANumber }}]',
	'={{ $json.name }}{{ $json.phone }}',
	'= {{ $json.phone }}',
	'={{ $json.phone }} ',
	'=Deliver to {{ $json.address.city }} ({{ $json["first name"] }})',
	'=Plain text without fields',
	'=Line one\nLine two {{ $json.name }}',
	'=Price: {{ $json.$price }}',
	'=',
];

describe('expressions the node renders itself give what n8n gives', () => {
	test.each(rendered)('%j', (expression) => {
		const template = compileItemFieldTemplate(expression);
		expect(template).toBeDefined();
		const ours = renderItemFieldTemplate(template!, contact);
		expect(ours).not.toBeUndefined();
		expect(ours).toStrictEqual(n8nValue(expression, contact));
	});
});

describe('expressions left to n8n', () => {
	test.each([
		['code', '={{ $json.name.toUpperCase() }}'],
		['an operator', '={{ $json.orderNumber + 1 }}'],
		['an array index', '={{ $json.tags[0] }}'],
		['another node', "={{ $('Contacts').item.json.phone }}"],
		['a variable', '={{ $now }}'],
		['an escaped bracket', '=Use \\{{ literally {{ $json.name }}'],
		['unbalanced brackets', '=Hi {{ $json.name }'],
		['stray closing brackets', '=Hi }} {{ $json.name }}'],
		['constructor access', '={{ $json.constructor }}'],
		['constructor in text', '=a.constructor {{ $json.name }}'],
		['__proto__', '={{ $json.__proto__ }}'],
		['a fixed value', '+15550001111'],
		['a number', 42],
	])('%s', (_name, raw) => {
		expect(compileItemFieldTemplate(raw)).toBeUndefined();
	});

	test.each([
		['a missing field', '=Hi {{ $json.surname }}'],
		['a missing parent', '={{ $json.billing.city }}'],
		['a null field', '=Hi {{ $json.nothing }}'],
		['an object field', '={{ $json.address }}'],
		['an object inside text', '=Address: {{ $json.address }}'],
		['an array field', '=Tags: {{ $json.tags }}'],
		['a path through a string', '={{ $json.name.length }}'],
		['a path through an array', '={{ $json.tags.length }}'],
		['an inherited property', '={{ $json.toString }}'],
	])('when the value is %s', (_name, expression) => {
		const template = compileItemFieldTemplate(expression);
		expect(template).toBeDefined();
		expect(renderItemFieldTemplate(template!, contact)).toBeUndefined();
	});

	test('when there is no input item', () => {
		expect(
			renderItemFieldTemplate(compileItemFieldTemplate('={{ $json.phone }}')!, undefined),
		).toBeUndefined();
	});
});
