/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the token is a fake test token */
/**
 * The deployment Insider's calls go to in the callback scenarios, on either n8n line: a campaign
 * whose status callbacks come back through the load balancer, and the two triggers (statuses
 * with a URL token, taps with a bearer token) forwarding every item to the recorder.
 */
import { randomUUID } from 'crypto';

import { newWaMessageId, statusEvent } from '../../../../sandbox/events';
import type { Recorder } from '../../../support/http';
import type { N8nVersionSpec } from '../../../../dev/n8n/n8nInstall';
import type { QueueFixture, QueueSetup } from '../../harness/queueFixture';
import { useQueueDeployment } from '../../harness/queueFixture';
import { campaignWorkflow } from '../../harness/queueWorkflows';
import { forwardingTriggerWorkflow } from '../../harness/workflows';

export const TOKEN = 'queue-webhook-token-0123456789';
export const STATUS_PATH = `/webhook/q-status/webhook?token=${TOKEN}`;
export const REPLIES_PATH = '/webhook/q-replies/webhook';
const BUSINESS_NUMBER = '15550783881';

export type Item = {
	event: string;
	key: string | null;
	timestamp: string;
	reply?: unknown;
	[field: string]: unknown;
};
export type Recorded = { source: string; item: Item };

/** What one forwarding workflow (`source`, its label or id) sent the recorder. */
export const recordedItems = (recorder: Recorder, source: string) =>
	recorder.received.map((r) => r.body as Recorded).filter((r) => r.source === source);

/** A status callback as Insider posts it: Meta's envelope with Insider's key. */
export const deliveredCallback = (index: number, key = `whatsapp-${randomUUID()}`) =>
	statusEvent(BUSINESS_NUMBER, key, `+1555${7_000_000 + index}`, newWaMessageId(), 'delivered');

/** The triggers and the forwarding they do, the same in a queue deployment and a regular n8n. */
export const triggerWorkflows = (recorderUrl: string) => [
	forwardingTriggerWorkflow({
		id: 'qStatus',
		webhookId: 'q-status',
		authentication: 'urlToken',
		recorderUrl,
		label: 'status',
	}),
	forwardingTriggerWorkflow({
		id: 'qReplies',
		webhookId: 'q-replies',
		authentication: 'bearerToken',
		recorderUrl,
		label: 'replies',
	}),
];

/**
 * The callback deployment of `version`, plus the workflows other scenarios of the file need
 * (`more`, given the recorder's URL).
 */
export function useCallbackDeployment(
	version: N8nVersionSpec,
	options: {
		more?: (recorderUrl: string) => Array<{ id: string }>;
		alongside?: QueueSetup['alongside'];
	} = {},
): QueueFixture {
	return useQueueDeployment(version, {
		token: TOKEN,
		repliesPath: REPLIES_PATH,
		workflows: ({ deployment, recorder }) => [
			campaignWorkflow('qSend', 'send', { callbackUrl: `${deployment}${STATUS_PATH}` }),
			...triggerWorkflows(recorder),
			...(options.more?.(recorder) ?? []),
		],
		alongside: options.alongside,
	});
}
