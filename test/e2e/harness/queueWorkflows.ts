/**
 * Workflows of the queue-mode scenarios, built from the end-to-end ones in workflows.ts and
 * dev/n8n/callbackReceivers.ts so the nodes are configured exactly as there: campaigns with the
 * send options a scenario sets, a trigger followed by n8n's own Remove Duplicates node, and
 * n8n's Webhook node followed by Read Callback Events.
 */
import { receiverWorkflow } from '../../../dev/n8n/callbackReceivers';
import { forwardingTriggerWorkflow, sendWorkflow } from './workflows';

type WorkflowJson = ReturnType<typeof sendWorkflow>;
type NodeJson = WorkflowJson['nodes'][number] & { parameters: Record<string, unknown> };

export interface CampaignOptions {
	requestsPerSecond?: number;
	batchSize?: number;
	maxRetries?: number;
	callbackUrl?: string;
}

/** Webhook (POST {contacts:[…]}, answers with every item) -> Split Out -> Send Quick Reply. */
export function campaignWorkflow(id: string, path: string, options: CampaignOptions = {}) {
	const workflow = sendWorkflow({ id, path, callbackUrl: options.callbackUrl });
	const send = workflow.nodes.find((node) => node.name === 'Insider WhatsApp') as NodeJson;
	const sendOptions: Record<string, unknown> = { ...(send.parameters.options as object) };
	for (const name of ['requestsPerSecond', 'batchSize', 'maxRetries'] as const)
		if (options[name] !== undefined) sendOptions[name] = options[name];
	send.parameters.options = sendOptions;
	return workflow;
}

/** n8n's own Webhook node alone, answering on receipt: the yardstick for a trigger's cost. */
export function plainWebhookWorkflow(id: string, path: string) {
	const workflow = sendWorkflow({ id, path });
	const webhook = workflow.nodes[0] as NodeJson;
	return {
		...workflow,
		name: `E2E plain webhook ${path}`,
		nodes: [
			{
				...webhook,
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
		],
		connections: {},
	};
}

/**
 * Insider WhatsApp Trigger -> Remove Duplicates ("Remove Items Processed in Previous
 * Executions" on key|event, kept items only) -> HTTP Request to a recorder.
 */
export function dedupedTriggerWorkflow(options: {
	id: string;
	webhookId: string;
	recorderUrl: string;
	label: string;
}) {
	const workflow = forwardingTriggerWorkflow({ ...options, authentication: 'urlToken' });
	const trigger = workflow.nodes[0];
	const forward = workflow.nodes[1];
	const removeDuplicates = {
		id: `${options.id}-dedupe`,
		name: 'Remove Duplicates',
		type: 'n8n-nodes-base.removeDuplicates',
		typeVersion: 2,
		position: [120, 0],
		parameters: {
			operation: 'removeItemsSeenInPreviousExecutions',
			logic: 'removeItemsWithAlreadySeenKeyValues',
			dedupeValue: '={{ $json.key }}|{{ $json.event }}',
			options: {},
		},
	};
	const link = (node: string) => ({ main: [[{ node, type: 'main', index: 0 }]] });
	return {
		...workflow,
		nodes: [trigger, removeDuplicates, forward],
		connections: {
			[trigger.name]: link(removeDuplicates.name),
			[removeDuplicates.name]: link(forward.name),
		},
	};
}

/**
 * n8n's Webhook node as README's "Callbacks at scale" and examples/campaign-statuses-at-scale.json
 * set it (POST, Respond Immediately, Raw Body on) -> Read Callback Events with Deduplicate on (its
 * default) -> HTTP Request to a recorder. Callbacks go to `/webhook/<id>`; the recorder gets
 * `{ source: <id>, item }` for each item that got through.
 */
export function webhookReadWorkflow(id: string, recorderUrl: string) {
	return receiverWorkflow('webhookRead', { id, recorderUrl });
}
