/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Runs a node the way n8n runs it: a Workflow, n8n-core's WorkflowExecute, real parameter and
 * expression resolution, and the real httpRequestWithAuthentication (the node types, credentials
 * and execution data around it are in engineContext.ts); and calls the trigger's webhook
 * through n8n-core's WebhookContext.
 */
import { EventEmitter } from 'events';

import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IBinaryKeyData,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { InsiderWhatsAppTrigger } from '../../nodes/InsiderWhatsAppTrigger/InsiderWhatsAppTrigger.node';
import {
	nodeTypes,
	registerNodeType,
	releaseEngineTimers,
	testAdditionalData,
} from './engineContext';

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
	/** n8n's answer after the node returned (default 200; 500 when it could not store the execution). */
	n8nAnswers?: number;
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
	// Express's response as the node sees it: a status, a body, and the events of its end.
	const response = Object.assign(new EventEmitter(), {
		statusCode: 200,
		writableEnded: false,
		writableFinished: false,
		status(code: number) {
			result.status = code;
			response.statusCode = code;
			return response;
		},
		json(body: unknown) {
			result.responseBody = body;
			return response.end();
		},
		end() {
			response.writableEnded = true;
			response.writableFinished = true;
			response.emit('finish');
			response.emit('close');
			return response;
		},
	});
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
	// Then n8n answers, unless the node did: 200 once it has stored the execution, or the
	// status the call says (500 when n8n could not store it).
	if (!response.writableEnded) {
		response.statusCode = call.n8nAnswers ?? 200;
		response.end();
	}
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

/** Executes Test Items -> Insider WhatsApp in n8n-core and returns what the node produced. */
export async function runInsiderWhatsApp(options: RunOptions): Promise<RunResult> {
	const typeName = options.nodeType
		? `test.${options.nodeType.description.name}`
		: 'n8n-nodes-insider-whatsapp.insiderWhatsApp';
	if (options.nodeType) registerNodeType(typeName, options.nodeType);
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
