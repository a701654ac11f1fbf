import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * The run of this node in its execution. Each wait of a node that runs more than once in an
 * execution (a loop asking approvers one by one) signs its own run, so a tap on an earlier
 * wait's message cannot resume a later one.
 */
export function runIndexAtSend(context: IExecuteFunctions): string {
	return String(context.getWorkflowDataProxy(0).$runIndex);
}

/** A node name as a string literal that n8n's expression syntax cannot misread ({{, }}, .). */
function nameLiteral(name: string): string {
	return JSON.stringify(name).replace(
		/[{}.]/g,
		(character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

/**
 * The run of the waiting node, seen from its waiting webhook, where n8n offers no run index of
 * its own (it is always 0 there). n8n removes the waiting run from the node's runs before it
 * calls the webhook, so the node's last finished run (`$node[name].runIndex`) is one less.
 * Read in n8n 2.41 and 1.123; both expression engines give the same.
 */
export function waitingRunIndex(context: IWebhookFunctions): string {
	const literal = nameLiteral(context.getNode().name);
	const lastFinished = Number(context.evaluateExpression(`{{ $node[${literal}].runIndex }}`));
	if (!Number.isInteger(lastFinished)) throw new Error('n8n gave no run index for this node');
	return String(lastFinished + 1);
}
