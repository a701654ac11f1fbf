import type {
	IDataObject,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { RESUME_ACKNOWLEDGEMENT, resumedByTap } from '../../../shared/waitReference';

/**
 * The waiting webhook n8n routes a resume request to: `<waiting base>/<execution>/<node id>`,
 * as n8n's own Send and Wait nodes declare it. POST only: the Insider WhatsApp Trigger posts
 * the tap. Restart webhooks are not registered when a workflow is activated.
 */
export const SEND_AND_WAIT_WEBHOOKS: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: '',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	},
];

/** The answer to a request that is no tap: the execution keeps waiting. */
const NOT_RESUMED = { resumed: false };

/**
 * Runs when n8n has checked the resume request's signature: a tap the trigger forwarded becomes
 * the node's one output item and the execution goes on. Anything else gets an answer without
 * data, so the execution keeps waiting; it never throws, which would end the execution with an
 * error.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const tap = resumedByTap(this.getRequestObject().url, this.getBodyData());
	if (tap === undefined) return { webhookResponse: NOT_RESUMED };
	return {
		webhookResponse: RESUME_ACKNOWLEDGEMENT,
		workflowData: [[{ json: tap as unknown as IDataObject, pairedItem: { item: 0 } }]],
	};
}
