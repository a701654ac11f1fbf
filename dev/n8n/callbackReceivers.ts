/**
 * The three ways a workflow can take Insider's callbacks, each ending in the same status log
 * (a forward of every item to a recorder), for the end-to-end tests and scripts/benchBurst.ts:
 * the Insider WhatsApp Trigger; n8n's Webhook node alone; n8n's Webhook node followed by Read
 * Callback Events. Node types and parameters are what the editor saves.
 */
import type { ReceivedRequest } from '../http/recorder';
import { PKG, WEBHOOK_CREDENTIAL, workflow } from './workflowJson';

export type ReceiverKind = 'trigger' | 'webhook' | 'webhookRead';

export const RECEIVER_LABELS: Record<ReceiverKind, string> = {
	trigger: 'Insider WhatsApp Trigger',
	webhook: "n8n's Webhook node alone",
	webhookRead: "n8n's Webhook node + Read Callback Events",
};

export interface ReceiverOptions {
	/** Workflow id, also the Webhook node's path and the trigger's webhook id. */
	id: string;
	recorderUrl: string;
	/** Deduplicate on the trigger and on Read Callback Events (default true). */
	deduplicate?: boolean;
	/** Save successful executions (n8n's default); off for measuring the nodes. */
	saveExecutions?: boolean;
	/** Forward all items of an execution in one request, `{ source, items }`, instead of one each. */
	collect?: boolean;
}

/** n8n's Webhook node as the README sets it up: answer on receipt, keep the raw bytes. */
export function webhookNode(path: string, extra: Record<string, unknown> = {}) {
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: path,
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'onReceived',
			options: { rawBody: true },
			...extra,
		},
	};
}

export function readEventsNode(parameters: Record<string, unknown> = {}) {
	return {
		name: 'Read Callback Events',
		type: `${PKG}.insiderWhatsApp`,
		typeVersion: 1,
		parameters: { resource: 'event', operation: 'parse', options: {}, ...parameters },
	};
}

/**
 * The status log: each item, as the workflow has it, forwarded to the recorder (or, collected,
 * the `items` an Aggregate node before it gathered).
 */
export function forwardNode(recorderUrl: string, source: string, collected = false) {
	const payload = collected ? 'items: $json.items' : 'item: $json';
	return {
		name: 'Status log',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: recorderUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ source: ${JSON.stringify(source)}, ${payload} }) }}`,
			options: {},
		},
	};
}

/** n8n's Aggregate node: every item of the execution in one, under `items`. */
const aggregateNode = {
	name: 'Aggregate',
	type: 'n8n-nodes-base.aggregate',
	typeVersion: 1,
	parameters: { aggregate: 'aggregateAllItemData', destinationFieldName: 'items' },
};

/** A workflow taking callbacks at `/webhook/<id>` (Webhook node) or `/webhook/<id>/webhook?token=` (trigger). */
export function receiverWorkflow(kind: ReceiverKind, options: ReceiverOptions) {
	const dedupe = options.deduplicate === false ? { deduplicate: false } : {};
	const nodes =
		kind === 'trigger'
			? [
					{
						name: 'Insider WhatsApp Trigger',
						type: `${PKG}.insiderWhatsAppTrigger`,
						typeVersion: 1,
						webhookId: options.id,
						credentials: { insiderWhatsAppWebhookApi: WEBHOOK_CREDENTIAL },
						parameters: { authentication: 'urlToken', options: dedupe },
					},
				]
			: kind === 'webhook'
				? [webhookNode(options.id)]
				: [webhookNode(options.id), readEventsNode({ options: dedupe })];
	const all = [
		...nodes,
		...(options.collect ? [aggregateNode] : []),
		forwardNode(options.recorderUrl, options.id, options.collect),
	];
	const built = workflow(
		options.id,
		`Callbacks ${kind} ${options.id}`,
		all,
		all.map((node) => node.name),
	);
	if (options.saveExecutions === false) {
		Object.assign(built.settings, {
			saveDataSuccessExecution: 'none',
			saveExecutionProgress: false,
		});
	}
	return built;
}

/** Where a receiver's callbacks go. */
export function receiverUrl(kind: ReceiverKind, n8nUrl: string, id: string, token: string) {
	return kind === 'trigger'
		? `${n8nUrl}/webhook/${id}/webhook?token=${encodeURIComponent(token)}`
		: `${n8nUrl}/webhook/${id}`;
}

/**
 * Which event a recorded status-log request stands for: key and event of an item of the trigger
 * or of Read Callback Events, or of the body the Webhook node alone passed on (one status per
 * body, as the sandbox and the bench post them: a Meta envelope, Insider's accepted event, or a
 * flat `{ key, status }`).
 */
export function recordedEvent(request: ReceivedRequest): { source: string; id: string } {
	const { source, item } = (request.body ?? {}) as {
		source?: string;
		item?: Record<string, unknown>;
	};
	// Other tests share the recorder with other shapes (an aggregate, say): not a status log entry.
	if (typeof item !== 'object' || item === null) return { source: String(source), id: '(no item)' };
	if (typeof item.event === 'string')
		return { source: String(source), id: `${item.key}|${item.event}` };
	const body = (item.body ?? {}) as Record<string, unknown>;
	const value = (body.entry as Array<{ changes: Array<{ value: Record<string, unknown> }> }>)?.[0]
		?.changes?.[0]?.value;
	const status = (value?.statuses as Array<{ status: string }> | undefined)?.[0]?.status;
	const flat = typeof body.status === 'string' ? body.status : undefined;
	return { source: String(source), id: `${body.key}|${status ?? flat ?? 'accepted'}` };
}

/** How often each expected event reached the status log, and what reached it unexpectedly. */
export function tally(received: ReceivedRequest[], source: string, expected: string[]) {
	const counts = new Map<string, number>();
	for (const request of received) {
		const event = recordedEvent(request);
		if (event.source === source) counts.set(event.id, (counts.get(event.id) ?? 0) + 1);
	}
	const expectedSet = new Set(expected);
	return {
		lost: expected.filter((id) => !counts.has(id)),
		duplicated: [...counts].filter(([id, count]) => expectedSet.has(id) && count > 1),
		unexpected: [...counts.keys()].filter((id) => !expectedSet.has(id)),
		counts,
	};
}
