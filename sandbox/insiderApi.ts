/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
import type http from 'http';

import type { ApiContext } from './apiGate';
import { admit } from './apiGate';
import { readBody } from './httpIo';
import { unknownMediaIdProblems } from './mediaReferences';
import type { RecordedRequest } from './records';
import {
	decodeErrorBody,
	rejectedRecipientProblems,
	validateSendRequest,
	validationErrorBody,
} from './validation';

/** Insider documents the same envelope for both. */
export const SEND_ENDPOINTS = new Set(['/v1/conversational/send', '/v1/send']);

/** What the send endpoints need from the sandbox. */
export interface SendContext extends ApiContext {
	/** Whether the sandbox issued this media id (uploaded or one of its samples). */
	knowsMedia(id: string): boolean;
	/** Records a validated request's messages and returns their keys, in order. */
	accept(
		endpoint: string,
		apiKey: string,
		body: Record<string, unknown>,
		log: RecordedRequest,
	): string[];
}

/** `POST /v1/conversational/send` and `POST /v1/send`, checked in Insider's order. */
export async function handleSend(
	context: SendContext,
	endpoint: string,
	request: http.IncomingMessage,
	response: http.ServerResponse,
) {
	const raw = (await readBody(request)).toString('utf8');
	const call = await admit(context, 'send', endpoint, request, response, raw);
	if (!call) return;

	let body: Record<string, unknown>;
	try {
		body = JSON.parse(raw);
	} catch (error) {
		return call.answer(400, decodeErrorBody((error as Error).message));
	}
	const problems = [
		...validateSendRequest(body),
		...rejectedRecipientProblems(body, context.options.rejectedRecipients),
		...(context.options.requireKnownMediaIds
			? unknownMediaIdProblems(body, (id) => context.knowsMedia(id))
			: []),
	];
	if (problems.length) return call.answer(400, validationErrorBody(problems));

	call.succeed({ keys: context.accept(endpoint, call.apiKey, body, call.log) });
}
