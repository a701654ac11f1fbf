import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { CallbackEventName } from '../shared/callbackEvent';
import { CALLBACK_EVENT_NAMES, CALLBACK_EVENT_OPTIONS } from '../shared/callbackEvent';
import { keepEvents, toItem } from '../shared/callbackItem';
import { readCallbackEvents } from '../shared/readCallbackEvents';
import type { TriggerAuthentication } from './authentication';
import { checkAuthentication, MIN_TOKEN_LENGTH } from './authentication';
import { admitEvents } from './deduplicator';
import { SCALE_NOTICE } from './callbackRates';
import { incomingBody } from './incomingBody';
import { resumeWaitingExecutions } from './resumeWaiting';
import type { AnsweredResponse } from './settleOnAnswer';
import { settleWhenAnswered } from './settleOnAnswer';

interface TriggerOptions {
	deduplicate?: boolean;
	includeRaw?: boolean;
	resumeWaitingExecutions?: boolean;
}

function reject(
	context: IWebhookFunctions,
	statusCode: number,
	message: string,
): IWebhookResponseData {
	context.getResponseObject().status(statusCode).json({ message });
	return { noWebhookResponse: true };
}

export class InsiderWhatsAppTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Insider WhatsApp Trigger',
		name: 'insiderWhatsAppTrigger',
		icon: {
			light: 'file:../../icons/insiderWhatsApp.svg',
			dark: 'file:../../icons/insiderWhatsApp.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: `={{$parameter["events"].length === ${CALLBACK_EVENT_NAMES.length} ? "All events" : $parameter["events"].join(", ")}}`,
		description:
			'Starts the workflow when Insider reports a WhatsApp message status or the contact taps a button or replies',
		defaults: { name: 'Insider WhatsApp Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'insiderWhatsAppWebhookApi',
				required: true,
				testedBy: 'webhookTokenTest',
				displayOptions: { show: { authentication: ['bearerToken', 'urlToken'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Without this n8n answers a call that starts the workflow with its default, the
				// literal text "firstEntryJson"; empty makes it send the node's webhookResponse.
				responseData: '',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Use the Production URL above in two places in Insider. <b>Status callbacks</b> (accepted, sent, delivered, read, failed): paste it into the <i>Status Callback URL</i> option of the Insider WhatsApp node; with URL Token authentication, append <code>?token=</code> and your token. <b>Button taps and replies</b>: in InOne, set it as the conversational webhook URL with auth type Bearer and the same token. Activate the workflow so the production URL listens.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: SCALE_NOTICE,
				name: 'scaleNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [...CALLBACK_EVENT_NAMES],
				description:
					'Which events start the workflow; a request whose events are all filtered out starts nothing',
				options: CALLBACK_EVENT_OPTIONS,
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				default: 'bearerToken',
				options: [
					{
						name: 'Bearer Token',
						value: 'bearerToken',
						description:
							"Authorization: Bearer header, as Insider's conversational webhook sends it",
					},
					{
						name: 'URL Token',
						value: 'urlToken',
						description: 'A token query parameter, for status callback URLs',
					},
					{
						name: 'None',
						value: 'none',
						description: 'Anyone who knows the URL can start the workflow',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Deduplicate',
						name: 'deduplicate',
						type: 'boolean',
						default: true,
						description:
							'Whether to drop an event already seen in the last 24 hours (same key or message ID, event and timestamp): Insider retries callbacks that did not get a 2xx in time',
					},
					{
						displayName: 'Include Raw Payload',
						name: 'includeRaw',
						type: 'boolean',
						default: true,
						description: 'Whether to add the original status or message object as "raw"',
					},
					{
						displayName: 'Resume Waiting Executions',
						name: 'resumeWaitingExecutions',
						type: 'boolean',
						default: true,
						description:
							'Whether a tap on a button sent by Send Quick Reply and Wait for Tap resumes the execution waiting for it on this n8n, instead of starting this workflow. Only with Bearer Token or URL Token authentication, and only for the contact the message was sent to. A tap that can resume nothing (finished, timed out, another contact) starts this workflow as an ordinary reply, with the button ID the user set.',
					},
				],
			},
		],
		usableAsTool: undefined,
	};

	methods = {
		credentialTest: {
			// There is no remote endpoint to ask; check the secret is strong enough to guard a URL.
			async webhookTokenTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const token = typeof credential.data?.token === 'string' ? credential.data.token : '';
				if (token.length < MIN_TOKEN_LENGTH) {
					return {
						status: 'Error',
						message: `The token must be at least ${MIN_TOKEN_LENGTH} characters long`,
					};
				}
				return { status: 'OK', message: 'Token is set' };
			},
		},
	};

	// Insider's v1 API has no endpoint to register, list or delete webhooks: the callback URL
	// travels with each send request and the conversational webhook is set in the InOne panel.
	// So there is nothing remote to check, create or delete.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const authentication = this.getNodeParameter(
			'authentication',
			'bearerToken',
		) as TriggerAuthentication;
		const refusal = await checkAuthentication(this, authentication);
		if (refusal) return reject(this, refusal.statusCode, refusal.message);

		const wanted = this.getNodeParameter('events', []) as CallbackEventName[];
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		// Taps are read even when Events leaves replies out: a Send and Wait tap belongs to the
		// execution waiting for it; only what remains afterwards is filtered.
		const reading = readCallbackEvents(incomingBody(this), [...wanted, 'reply']);
		// Only a body that is not JSON, or over the caps, is refused (Insider retries a 4xx ten
		// times, then drops it); nothing of a refused body is emitted.
		if ('notJson' in reading) return reject(this, 400, `The body is not JSON: ${reading.notJson}`);
		if ('tooLarge' in reading) {
			return reject(this, 413, `The body is too large: ${reading.tooLarge}`);
		}
		let { events } = reading;
		if (options.deduplicate !== false) {
			const admission = admitEvents(`${this.getWorkflow().id ?? ''}:${this.getNode().id}`, events);
			// Insider retries a 5xx; by then n8n has answered the earlier delivery.
			if ('inFlight' in admission) {
				return reject(
					this,
					503,
					'An earlier delivery of an event in this body is still being started: try again later',
				);
			}
			events = admission.events;
			// An event counts as seen once n8n has accepted the request that carried it.
			settleWhenAnswered(this.getResponseObject() as AnsweredResponse, admission.settle);
		}
		// Anyone may post to a trigger without authentication, so it never resumes an execution.
		const resumes = options.resumeWaitingExecutions !== false && authentication !== 'none';
		const resuming = resumes ? await resumeWaitingExecutions(this, events) : { events, resumed: 0 };
		events = keepEvents(resuming.events, wanted);
		const webhookResponse = {
			received: true,
			events: events.length,
			...(resuming.resumed > 0 ? { resumed: resuming.resumed } : {}),
		};
		if (events.length === 0) return { webhookResponse };

		const includeRaw = options.includeRaw !== false;
		return {
			webhookResponse,
			workflowData: [
				this.helpers.returnJsonArray(events.map((event) => toItem(event, includeRaw))),
			],
		};
	}
}
