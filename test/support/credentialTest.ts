/**
 * Runs a credential's `test` the way n8n's CredentialsTester does: the test request becomes
 * the routing of a throw-away declarative node executed by n8n-core's RoutingNode, then the
 * test's rules decide between "Connection successful!" and their messages.
 */
import type { ICredentialTestRequest, ICredentialType, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runInsiderWhatsApp } from './engine';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
	requestHeaders?: Record<string, unknown>;
}

function get(object: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], object);
}

export async function runCredentialTest(
	credential: ICredentialType,
	data: { apiKey: string; baseUrl: string },
): Promise<CredentialTestResult> {
	const test = credential.test as ICredentialTestRequest;
	const nodeType: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: 'Temporary node of a credential test',
			defaults: { name: 'Credential Test' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credential.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: test.request },
				},
			],
		},
	};
	const { items, error } = await runInsiderWhatsApp({
		nodeType,
		parameters: {},
		items: [{}],
		credentials: data,
	});
	if (error) {
		const status = (error as { cause?: { response?: { status?: number } } }).cause?.response
			?.status;
		for (const rule of test.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === status)
				return { status: 'Error', message: rule.properties.message };
		}
		return { status: 'Error', message: error.message };
	}
	for (const rule of test.rules ?? []) {
		if (
			rule.type === 'responseSuccessBody' &&
			get(items[0]?.json, rule.properties.key) === rule.properties.value
		) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
