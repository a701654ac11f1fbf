/**
 * n8n-core's own signing, run with only the state it reads: what getSignedResumeUrl makes for a
 * button of a wait, and the check n8n's waiting webhook makes on a request.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import {
	ExecuteContext,
	generateUrlSignature,
	prepareUrlForSigning,
	WAITING_TOKEN_QUERY_PARAM,
} from 'n8n-core';

import type { WaitReference } from '../../../nodes/shared/waitReference';
import {
	buildSignedWaitReference,
	parseWaitReference,
	resumeRequestUrl,
	resumeUrlParameters,
	waitingWebhookBaseUrl,
} from '../../../nodes/shared/waitReference';

export const INSTANCE_HMAC = 'hmac-of-this-test-instance';
export const WAITING_BASE = 'https://n8n.example.com:8443/prefix/webhook-waiting';
export const OWN_WEBHOOK_URL = 'https://n8n.example.com:8443/prefix/webhook/0a1b/insider';
export const NODE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const EXECUTION_ID = '4711';
export const PHONE = '+905321234567';
export const RUN = '0';

export interface WaitOf {
	executionId?: string;
	nodeId?: string;
	phoneNumber?: string;
	run?: string;
}

/** n8n-core's getSignedResumeUrl for one button of a wait. */
export function signedResumeUrl(userButtonId: string, wait: WaitOf = {}): string {
	const context = {
		additionalData: {
			webhookWaitingBaseUrl: WAITING_BASE,
			executionId: wait.executionId ?? EXECUTION_ID,
		},
		node: { id: wait.nodeId ?? NODE_ID },
		instanceSettings: { hmacSignatureSecret: INSTANCE_HMAC },
	} as unknown as IExecuteFunctions;
	return ExecuteContext.prototype.getSignedResumeUrl.call(
		context,
		resumeUrlParameters(userButtonId, wait.phoneNumber ?? PHONE, wait.run ?? RUN),
	);
}

/** The check n8n's waiting webhook makes, with n8n-core's signing helpers. */
export function n8nAcceptsSignature(requestUrl: string): boolean {
	const url = new URL(requestUrl);
	const provided = url.searchParams.get(WAITING_TOKEN_QUERY_PARAM);
	if (provided === null) return false;
	url.searchParams.delete(WAITING_TOKEN_QUERY_PARAM);
	return provided === generateUrlSignature(prepareUrlForSigning(url), INSTANCE_HMAC);
}

/** The button id the node sends for one button of a wait. */
export function reference(userButtonId: string, wait: WaitOf = {}): string {
	return buildSignedWaitReference({
		signedResumeUrl: signedResumeUrl(userButtonId, wait),
		executionId: wait.executionId ?? EXECUTION_ID,
		nodeId: wait.nodeId ?? NODE_ID,
		run: wait.run ?? RUN,
		phoneNumber: wait.phoneNumber ?? PHONE,
		userButtonId,
		field: 'Button 1 ID',
	});
}

export function parsed(buttonId: string): WaitReference {
	const result = parseWaitReference(buttonId);
	if (!result.valid) throw new Error(`expected a valid reference: ${result.problem}`);
	return result.reference;
}

/** The URL the trigger would call for a tap from `phoneNumber`, or undefined when none. */
export function urlTheTriggerCalls(buttonId: string, phoneNumber = PHONE): string | undefined {
	const result = parseWaitReference(buttonId);
	if (!result.valid) return undefined;
	return resumeRequestUrl(
		waitingWebhookBaseUrl(`${WAITING_BASE}/__UNKNOWN__`, OWN_WEBHOOK_URL),
		result.reference,
		phoneNumber,
	);
}
