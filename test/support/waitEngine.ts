/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Send Quick Reply and Wait for Tap in n8n-core's engine: the node run in a saved execution (a
 * numeric id, a node with a UUID, as n8n gives them), its waiting webhook called the way n8n
 * calls it, and a loopback stand-in for n8n's waiting-webhook route that checks the signature
 * with n8n-core's own code and then hands the request to the node's webhook().
 */
import http from 'http';
import type { AddressInfo } from 'net';
import {
	ExecutionLifecycleHooks,
	generateUrlSignature,
	InstanceSettings,
	prepareUrlForSigning,
	WAITING_TOKEN_QUERY_PARAM,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, IRun } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { SEND_AND_WAIT_WEBHOOKS } from '../../nodes/InsiderWhatsApp/actions/sendAndWait/webhook';
import { InsiderWhatsApp } from '../../nodes/InsiderWhatsApp/InsiderWhatsApp.node';
import type { RunResult } from './engine';
import { nodeTypes, releaseEngineTimers, testAdditionalData } from './engineContext';

export const EXECUTION_ID = '4711';
export const WAITING_NODE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const WAITING_NODE_NAME = 'Ask';
const WORKFLOW_ID = 'wfWait';

/** The secret n8n-core signs resume URLs with in this process. */
function hmacSecret(): string {
	const corePath = require.resolve('n8n-core');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require(require.resolve('@n8n/di', { paths: [corePath] })) as {
		Container: { get: (type: unknown) => { hmacSignatureSecret: string } };
	};
	return Container.get(InstanceSettings).hmacSignatureSecret;
}

/** The check n8n's waiting webhook makes (host, path and query without the signature). */
export function n8nAcceptsSignature(requestUrl: string): boolean {
	const url = new URL(requestUrl);
	const provided = url.searchParams.get(WAITING_TOKEN_QUERY_PARAM);
	if (provided === null) return false;
	url.searchParams.delete(WAITING_TOKEN_QUERY_PARAM);
	return provided === generateUrlSignature(prepareUrlForSigning(url), hmacSecret());
}

function waitingNode(parameters: INode['parameters']): INode {
	return {
		id: WAITING_NODE_ID,
		name: WAITING_NODE_NAME,
		type: 'n8n-nodes-insider-whatsapp.insiderWhatsApp',
		typeVersion: 1,
		position: [200, 0],
		webhookId: 'ask-hook',
		parameters,
		credentials: { insiderWhatsAppApi: { id: 'c1', name: 'Insider sandbox' } },
	};
}

export interface WaitRunResult extends RunResult {
	/** Every status the node reported to n8n while it ran. */
	statuses: string[];
}

/** Executes Test Items -> Send and Wait as execution 4711 and returns what n8n-core recorded. */
export async function runSendAndWait(options: {
	parameters: INode['parameters'];
	items: IDataObject[];
	credentials: { apiKey: string; baseUrl: string };
	waitingBaseUrl: string;
}): Promise<WaitRunResult> {
	const nodes: INode[] = [
		{
			id: 'b3d1f2a4-0000-4000-8000-000000000001',
			name: 'Test Items',
			type: 'test.items',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.items) },
		},
		waitingNode(options.parameters),
	];
	const connections = {
		'Test Items': { main: [[{ node: WAITING_NODE_NAME, type: 'main' as const, index: 0 }]] },
	};
	const workflow = new Workflow({ id: WORKFLOW_ID, nodes, connections, active: true, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('trigger', EXECUTION_ID, {
		id: WORKFLOW_ID,
		name: 'wait test',
		nodes,
		connections,
		active: true,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	const statuses: string[] = [];
	const additionalData = testAdditionalData({ insiderWhatsAppApi: options.credentials }, hooks, {
		executionId: EXECUTION_ID,
		webhookWaitingBaseUrl: options.waitingBaseUrl,
		setExecutionStatus: (status: string) => statuses.push(status),
	});
	const run: IRun = await new WorkflowExecute(additionalData, 'trigger').run({
		workflow,
		startNode: nodes[0],
	} as never);
	releaseEngineTimers();
	const taskData = run.data.resultData.runData[WAITING_NODE_NAME]?.[0];
	const items = taskData?.data?.main?.[0] ?? [];
	const error = (taskData?.error ?? run.data.resultData.error) as RunResult['error'];
	return { items, error, run, statuses };
}

export interface NodeWebhookAnswer {
	webhookResponse?: unknown;
	items?: INodeExecutionData[];
}

/** The wait a resume request meets: the node's parameters, its input, its earlier runs. */
export interface WaitingState {
	parameters: INode['parameters'];
	/** The waiting node's input item 0, against which n8n evaluates its parameters. */
	input: IDataObject;
	/** How many runs of the node finished before the waiting one (its run index). */
	run: number;
}

/**
 * Calls the node's webhook() as n8n's waiting-webhook route does once the signature holds: with
 * the execution's data as n8n loads it, where the waiting node's input is first on the stack and
 * its waiting run is already removed from its runs.
 */
export async function callWaitingNodeWebhook(
	requestUrl: string,
	body: unknown,
	wait: WaitingState,
): Promise<NodeWebhookAnswer> {
	const node = waitingNode(wait.parameters);
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
	});
	const url = new URL(requestUrl, 'http://127.0.0.1');
	const request = {
		url: `${url.pathname}${url.search}`,
		headers: { 'content-type': 'application/json' },
		query: Object.fromEntries(url.searchParams),
		params: {},
		body,
	};
	const additionalData = testAdditionalData({}, undefined, {
		executionId: EXECUTION_ID,
		httpRequest: request,
		httpResponse: {},
	});
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: WAITING_NODE_ID,
		webhookDescription: SEND_AND_WAIT_WEBHOOKS[0],
		workflowId: WORKFLOW_ID,
	};
	const finishedRun = { startTime: 0, executionTime: 0, executionIndex: 0, source: [], data: {} };
	const runExecutionData = {
		startData: {},
		resultData: { runData: { [node.name]: Array.from({ length: wait.run }, () => finishedRun) } },
		executionData: {
			contextData: {},
			nodeExecutionStack: [{ node, data: { main: [[{ json: wait.input }]] }, source: null }],
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	};
	const context = new WebhookContext(
		workflow,
		node,
		additionalData,
		'webhook',
		webhookData as never,
		[],
		runExecutionData as never,
	);
	const answer = await new InsiderWhatsApp().webhook.call(context);
	return { webhookResponse: answer.webhookResponse, items: answer.workflowData?.[0] };
}

export interface RouteRequest {
	method: string;
	url: string;
	body: unknown;
}

/** A scripted answer, or undefined to answer as n8n does for an execution that is waiting. */
export type RouteScript = (
	request: RouteRequest,
	index: number,
) => { status: number; body: string | object } | undefined;

/**
 * Stands in for one n8n on loopback: `/webhook-waiting/<execution>/<node>` checks the signature
 * with n8n-core (401 as n8n answers) and runs the node's webhook(); every request is recorded.
 */
export async function startWaitingRoute(wait: WaitingState, script: RouteScript = () => undefined) {
	const requests: RouteRequest[] = [];
	const resumed: INodeExecutionData[][] = [];
	let origin = '';
	const answer = async (request: RouteRequest, index: number) => {
		const scripted = script(request, index);
		if (scripted) return scripted;
		if (!request.url.startsWith(`/webhook-waiting/${EXECUTION_ID}/${WAITING_NODE_ID}?`)) {
			return { status: 404, body: { code: 404, message: 'The execution does not exist.' } };
		}
		if (!n8nAcceptsSignature(`${origin}${request.url}`)) {
			return { status: 401, body: { error: 'Invalid token' } };
		}
		const result = await callWaitingNodeWebhook(request.url, request.body, wait);
		if (result.items) resumed.push(result.items);
		return { status: 200, body: result.webhookResponse as object };
	};
	const server = http.createServer((incoming, response) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			const request = {
				method: incoming.method ?? '',
				url: incoming.url ?? '',
				body: text ? (JSON.parse(text) as unknown) : undefined,
			};
			requests.push(request);
			void answer(request, requests.length - 1).then(({ status, body }) => {
				const isText = typeof body === 'string';
				response.writeHead(status, {
					'content-type': isText ? 'text/html' : 'application/json',
				});
				response.end(isText ? body : JSON.stringify(body));
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		origin,
		waitingBaseUrl: `${origin}/webhook-waiting`,
		webhookBaseUrl: `${origin}/webhook`,
		requests,
		resumed,
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
