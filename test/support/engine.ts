/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Runs a node the way n8n runs it: a Workflow, n8n-core's WorkflowExecute, real parameter and
 * expression resolution, and the real httpRequestWithAuthentication, with a credentials helper
 * that applies the credential type's own `authenticate` definition through n8n's expressions.
 */
import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IBinaryKeyData,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, Workflow } from 'n8n-workflow';

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
	// Filled per run by runNodeInWorkflow for node types a test builds on the fly.
	'test.items': new TestItemsNode(),
	'n8n-nodes-insider-whatsapp.insiderWhatsApp': new InsiderWhatsApp(),
	'n8n-nodes-insider-whatsapp.insiderWhatsAppTrigger': new InsiderWhatsAppTrigger(),
};

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

export interface WebhookCall {
	parameters: INode['parameters'];
	body: unknown;
	/** The bytes n8n read from the request, which it keeps beside the parsed body. */
	rawBody?: Buffer;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	token?: string;
	/** Trigger nodes with the same id share a deduplication memory, as in one n8n process. */
	nodeId?: string;
	/** Overrides of what n8n passes the context, e.g. its webhook base URLs. */
	additionalData?: Record<string, unknown>;
}

export interface WebhookResult {
	/** Set when the node answered the HTTP request itself (401, 400). */
	status?: number;
	responseBody?: unknown;
	webhookResponse?: unknown;
	items?: INodeExecutionData[];
}

/** Calls the trigger's webhook() through n8n-core's WebhookContext with a request like n8n's. */
export async function callTriggerWebhook(call: WebhookCall): Promise<WebhookResult> {
	const trigger = new InsiderWhatsAppTrigger();
	const node: INode = {
		id: call.nodeId ?? 'trigger-1',
		name: 'Insider WhatsApp Trigger',
		type: 'n8n-nodes-insider-whatsapp.insiderWhatsAppTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'hook-1',
		parameters: call.parameters,
		credentials: { insiderWhatsAppWebhookApi: { id: 'c2', name: 'Webhook token' } },
	};
	const workflow = new Workflow({
		id: 'wf-trigger',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
	});
	const result: WebhookResult = {};
	const response = {
		status(code: number) {
			result.status = code;
			return response;
		},
		json(body: unknown) {
			result.responseBody = body;
			return response;
		},
		end() {
			return response;
		},
	};
	const request = {
		headers: Object.fromEntries(
			Object.entries(call.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
		),
		query: call.query ?? {},
		params: {},
		body: call.body,
		rawBody: call.rawBody,
	};
	const additionalData = testAdditionalData(
		call.token === undefined ? {} : { insiderWhatsAppWebhookApi: { token: call.token } },
		undefined,
		{ httpRequest: request, httpResponse: response, ...call.additionalData },
	);
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'webhook',
		webhookDescription: trigger.description.webhooks![0],
		workflowId: 'wf-trigger',
	};
	const context = new WebhookContext(
		workflow,
		node,
		additionalData,
		'webhook',
		webhookData as never,
		[],
		null,
	);
	const answer = await trigger.webhook.call(context);
	result.webhookResponse = answer.webhookResponse;
	result.items = answer.workflowData?.[0];
	return result;
}

export interface RunOptions {
	/** Defaults to the Insider WhatsApp node. */
	nodeType?: INodeType;
	parameters: INode['parameters'];
	items: IDataObject[];
	/** Binary data of each item (as a Webhook node's Raw Body option gives it), or null. */
	binaries?: Array<IBinaryKeyData | null>;
	credentials: { apiKey: string; baseUrl: string; phoneNumberId?: string };
	continueOnFail?: boolean;
	/** Gets the execution's Stop (n8n's cancel of the run) as soon as the run starts. */
	onStart?: (stop: () => void) => void;
}

export interface RunResult {
	items: INodeExecutionData[];
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
	run: IRun;
}

const NODE_NAME = 'Insider WhatsApp';

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

/** Executes Test Items -> Insider WhatsApp in n8n-core and returns what the node produced. */
export async function runInsiderWhatsApp(options: RunOptions): Promise<RunResult> {
	const typeName = options.nodeType
		? `test.${options.nodeType.description.name}`
		: 'n8n-nodes-insider-whatsapp.insiderWhatsApp';
	if (options.nodeType) nodeTypeMap[typeName] = options.nodeType;
	const nodes: INode[] = [
		{
			id: '1',
			name: 'Test Items',
			type: 'test.items',
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				items: JSON.stringify(options.items),
				binaries: JSON.stringify(options.binaries ?? []),
			},
		},
		{
			id: '2',
			name: NODE_NAME,
			type: typeName,
			typeVersion: 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: { insiderWhatsAppApi: { id: 'c1', name: 'Insider sandbox' } },
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	const connections = {
		'Test Items': { main: [[{ node: NODE_NAME, type: 'main' as const, index: 0 }]] },
	};
	const workflow = new Workflow({ id: 'wf', nodes, connections, active: false, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', {
		id: 'wf',
		name: 'test',
		nodes,
		connections,
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	const additionalData = testAdditionalData({ insiderWhatsAppApi: options.credentials }, hooks);

	const running = new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode: nodes[0],
		destinationNode: { nodeName: NODE_NAME, mode: 'inclusive' },
	} as never);
	options.onStart?.(() => running.cancel());
	const run = await running;
	releaseEngineTimers();
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const items = taskData?.data?.main?.[0] ?? [];
	const error = (taskData?.error ?? run.data.resultData.error) as RunResult['error'];
	return { items, error, run };
}
