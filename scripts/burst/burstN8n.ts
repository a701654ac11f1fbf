/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the token is a fake bench token */
/**
 * The n8n that `npm run bench:burst` measures: one process with a receiver workflow per variant
 * (Insider WhatsApp Trigger, Webhook node, Webhook node + Read Callback Events) and the ones the
 * same-callback measurement posts to, none saving its executions.
 */
import type { ReceiverKind } from '../../dev/n8n/callbackReceivers';
import { forwardNode, receiverWorkflow, webhookNode } from '../../dev/n8n/callbackReceivers';
import type { N8nInstall } from '../../dev/n8n/n8nInstall';
import { N8nInstance } from '../../dev/n8n/n8nInstance';
import { webhookCredential, workflow } from '../../dev/n8n/workflowJson';

export const TOKEN = 'bench-burst-token-0123456789';

/** The workflow a variant's burst goes to. */
export const burstWorkflowId = (kind: ReceiverKind) => `burst${kind}`;

/** The workflows the same callback, posted many times at once, goes to. */
export const SAME_CALLBACK_WORKFLOWS = [
	{ kind: 'trigger', id: 'sametrigger' },
	{ kind: 'webhookRead', id: 'samewebhookRead' },
	{ kind: 'removeDuplicates', id: 'sameremoveDuplicates' },
] as const;

/** n8n's own Remove Duplicates node on the same store, without this package's queue. */
function removeDuplicatesWorkflow(id: string, recorderUrl: string) {
	return workflow(
		id,
		'Same callback: Remove Duplicates',
		[
			webhookNode(id),
			{
				name: 'Remove Duplicates',
				type: 'n8n-nodes-base.removeDuplicates',
				typeVersion: 2,
				parameters: {
					operation: 'removeItemsSeenInPreviousExecutions',
					dedupeValue: '={{ $json.body.key }}',
					options: { scope: 'workflow' },
				},
			},
			forwardNode(recorderUrl, id),
		],
		['Webhook', 'Remove Duplicates', 'Status log'],
	);
}

/** Starts an n8n on `engine` ('default' or an N8N_EXPRESSION_ENGINE value) with every workflow. */
export async function startBurstN8n(
	install: N8nInstall,
	engine: string,
	variants: ReceiverKind[],
	recorderUrl: string,
): Promise<N8nInstance> {
	const n8n = new N8nInstance(install, {
		env: engine === 'default' ? {} : { N8N_EXPRESSION_ENGINE: engine },
	});
	const unsaved = { recorderUrl, saveExecutions: false };
	await n8n.importCredentials([webhookCredential(TOKEN)]);
	await n8n.importWorkflows([
		...variants.map((kind) => receiverWorkflow(kind, { id: burstWorkflowId(kind), ...unsaved })),
		...SAME_CALLBACK_WORKFLOWS.map(({ kind, id }) =>
			kind === 'removeDuplicates'
				? removeDuplicatesWorkflow(id, recorderUrl)
				: receiverWorkflow(kind, { id, ...unsaved }),
		),
	]);
	await n8n.start();
	return n8n;
}
