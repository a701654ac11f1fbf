import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * n8n names the versions of a node it builds for AI agents after the node: `insiderWhatsAppTool`
 * (a tool the agent calls) and, in n8n 2.x, `insiderWhatsAppHitlTool` (a human review in front
 * of another tool). Neither can be resumed by a tap (README, "Send and Wait as a tool").
 */
export function runsAsAgentTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/**
 * Send and Wait's answer when an agent runs it: the reason, before anything is sent. n8n 1.x
 * calls a tool's execute() directly, so Continue On Fail is honoured here, as an error item
 * the agent's model reads.
 */
export function refuseAgentUse(context: IExecuteFunctions): INodeExecutionData[][] {
	const error = new NodeOperationError(
		context.getNode(),
		'Send Quick Reply and Wait for Tap cannot be used by an AI agent',
		{
			description:
				"A tap cannot resume an agent's tool call. Give the agent Send Quick Reply instead: the tap then starts the Insider WhatsApp Trigger's workflow, which can pass it to the agent as the contact's next message. Nothing was sent.",
		},
	);
	if (!context.continueOnFail()) throw error;
	return [[{ json: { error: error.message }, pairedItem: { item: 0 } }]];
}
