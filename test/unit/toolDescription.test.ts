/**
 * The description n8n builds for the node's AI-agent tool version: n8n spreads
 * `usableAsTool.replacements` over the node's description (n8n 1.123
 * load-nodes-and-credentials.js createAiTools, n8n 2.41 node-types.js
 * buildSyntheticToolDescription). The tool offers every operation but Send and Wait.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { InsiderWhatsApp } from '../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';

const { description } = new InsiderWhatsApp();
const replacements =
	typeof description.usableAsTool === 'object' ? description.usableAsTool.replacements : undefined;
const toolProperties = (replacements as { properties?: INodeProperties[] } | undefined)?.properties;

const operationValues = (properties: INodeProperties[]) =>
	properties
		.filter((property) => property.name === 'operation')
		.map((property) => (property.options as INodePropertyOptions[]).map((option) => option.value));

describe('the AI-agent tool version of Insider WhatsApp', () => {
	test('offers every operation of the node but Send and Wait', () => {
		const ofNode = operationValues(description.properties);
		expect(ofNode.flat()).toContain('sendAndWait');
		expect(operationValues(toolProperties!)).toEqual(
			ofNode.map((values) => values.filter((value) => value !== 'sendAndWait')),
		);
	});

	test('keeps every other parameter exactly as the node has it', () => {
		const withoutOperations = (properties: INodeProperties[]) =>
			properties.filter((property) => property.name !== 'operation');
		expect(withoutOperations(toolProperties!)).toEqual(withoutOperations(description.properties));
		expect(Object.keys(replacements!)).toEqual(['properties']);
	});

	test('leaves the node itself with Send and Wait (workflows keep working)', () => {
		const message = description.properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes('message'),
		);
		expect((message!.options as INodePropertyOptions[]).map((option) => option.value)).toContain(
			'sendAndWait',
		);
	});
});
