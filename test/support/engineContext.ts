/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * What n8n-core's engine needs around a node when these tests run it: the node types it can
 * find (the package's nodes and a start node emitting test items), a credentials helper that
 * applies the credential type's own `authenticate` definition through n8n's expressions, and
 * the additional data n8n passes every execution context.
 */
import type { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	IBinaryKeyData,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import { InsiderWhatsAppApi } from '../../credentials/InsiderWhatsAppApi.credentials';
import { InsiderWhatsAppWebhookApi } from '../../credentials/InsiderWhatsAppWebhookApi.credentials';
import { InsiderWhatsApp } from '../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import { InsiderWhatsAppTrigger } from '../../nodes/InsiderWhatsAppTrigger/InsiderWhatsAppTrigger.node';

const credentialTypes: Record<string, ICredentialType> = {
	insiderWhatsAppApi: new InsiderWhatsAppApi(),
	insiderWhatsAppWebhookApi: new InsiderWhatsAppWebhookApi(),
};

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (!authenticate || typeof authenticate === 'function') return requestOptions;
		const resolve = (value: string) =>
			workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
		const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [section, values] of Object.entries(authenticate.properties)) {
			options[section] = { ...(options[section] ?? {}) };
			for (const [name, value] of Object.entries(values as Record<string, string>)) {
				options[section][name] = resolve(value);
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		const data = this.data[type];
		if (!data) throw new Error(`no test credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type]?.properties ?? [];
	}
}

/** A start node that emits the items given to the test. */
class TestItemsNode implements INodeType {
	description = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Emits test items',
		defaults: { name: 'Test Items' },
		inputs: [],
		outputs: ['main'],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[]' },
			{ displayName: 'Binaries', name: 'binaries', type: 'json', default: '[]' },
		],
	} as unknown as INodeType['description'];

	async execute(this: import('n8n-workflow').IExecuteFunctions) {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		const binaries = JSON.parse(
			this.getNodeParameter('binaries', 0, '[]') as string,
		) as Array<IBinaryKeyData | null>;
		return [
			items.map((json, index) => ({
				json,
				...(binaries[index] ? { binary: binaries[index] } : {}),
				pairedItem: { item: index },
			})),
		];
	}
}

const nodeTypeMap: Record<string, INodeType> = {
	'test.items': new TestItemsNode(),
	'n8n-nodes-insider-whatsapp.insiderWhatsApp': new InsiderWhatsApp(),
	'n8n-nodes-insider-whatsapp.insiderWhatsAppTrigger': new InsiderWhatsAppTrigger(),
};

/** Makes a node type a test builds on the fly known to the engine. */
export function registerNodeType(name: string, type: INodeType): void {
	nodeTypeMap[name] = type;
}

export const nodeTypes: INodeTypes = {
	getByName: (name) => nodeTypeMap[name],
	getByNameAndVersion: (name) => nodeTypeMap[name],
	getKnownTypes: () => ({}),
} as INodeTypes;

/** What n8n passes every execution context; only the parts these nodes touch are real. */
export function testAdditionalData(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks?: ExecutionLifecycleHooks,
	extra: Record<string, unknown> = {},
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executionId: 'exec-1',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		currentNodeParameters: undefined,
		variables: {},
		userId: 'user',
		setExecutionStatus: () => {},
		logAiEvent: async () => {},
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * n8n-core's SSH client manager (created for every execute context) keeps a one-minute
 * cleanup interval that n8n clears at shutdown; unref it so a test process can exit.
 */
export function releaseEngineTimers() {
	const corePath = require.resolve('n8n-core');
	// These live inside n8n-core's own dependency tree, so they are resolved from there.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require(require.resolve('@n8n/di', { paths: [corePath] })) as {
		Container: { get: (type: unknown) => { cleanupTimer?: NodeJS.Timeout } };
	};
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SSHClientsManager } = require(
		require.resolve('n8n-core/dist/execution-engine/ssh-clients-manager'),
	) as { SSHClientsManager: unknown };
	Container.get(SSHClientsManager).cleanupTimer?.unref();
}
