import type {
	IDataObject,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { CurrentWait } from '../../../shared/waitReference';
import { judgeTap, RESUME_ACKNOWLEDGEMENT } from '../../../shared/waitReference';
import { replyButtonId } from '../../helpers/messages/quickReply';
import { normalizePhoneNumber } from '../../helpers/phoneNumber';
import { waitingRunIndex } from './waitRun';

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

/**
 * The wait as the node itself knows it: n8n evaluates the node's parameters here against the
 * same input item as when it sent, so the recipient and buttons are the ones it asked with.
 */
function currentWait(context: IWebhookFunctions): CurrentWait {
	const phoneNumber = normalizePhoneNumber(String(context.getNodeParameter('phoneNumber', '')));
	const buttons = context.getNodeParameter('buttons.button', []) as Array<{
		id?: string;
		title?: string;
	}>;
	return {
		phoneNumber: phoneNumber ?? '',
		run: waitingRunIndex(context),
		buttons: buttons.map((button, index) => {
			const title = String(button.title ?? '');
			return { id: replyButtonId(button.id, title, index + 1), title };
		}),
	};
}

/**
 * Runs when n8n has checked the resume request's signature: a tap that answers this very wait
 * becomes the node's one output item and the execution goes on. Anything else (another number,
 * an earlier run's button, a request that is no tap) gets an answer without data, so the
 * execution keeps waiting and the trigger passes the tap on as an ordinary reply; it never
 * throws, which would end the execution with an error.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	let verdict: ReturnType<typeof judgeTap>;
	try {
		verdict = judgeTap(this.getRequestObject().url, this.getBodyData(), currentWait(this));
	} catch (error) {
		verdict = { refused: `the wait could not be read (${(error as Error).message})` };
	}
	if ('refused' in verdict) {
		this.logger.info(
			`Insider WhatsApp: a resume request did not resume this wait: ${verdict.refused}`,
		);
		return { webhookResponse: { resumed: false } };
	}
	return {
		webhookResponse: RESUME_ACKNOWLEDGEMENT,
		workflowData: [[{ json: verdict.resumed as unknown as IDataObject, pairedItem: { item: 0 } }]],
	};
}
