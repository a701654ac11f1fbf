/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * A scripted OpenAI-compatible server: it stands in for the model provider the way the sandbox
 * stands in for Insider. It speaks what n8n's OpenAI Chat Model node calls (see
 * dev/modelServer/README.md): `GET /v1/models` (the credential test and the model list),
 * `POST /v1/responses` and `POST /v1/chat/completions`, each with or without streaming. A test's
 * script turns the conversation into a text answer or a tool call; every request is recorded
 * with the conversation as the model saw it.
 */
import http from 'http';
import type { AddressInfo, Socket } from 'net';

import type { ModelAnswer } from './answers';
import { chatCompletionBody, chatCompletionEvents } from './chatCompletions';
import type { Conversation, ModelApi } from './conversation';
import { readConversation } from './conversation';
import type { ServerSentEvent } from './responsesApi';
import { responsesBody, responsesEvents } from './responsesApi';

export type { ModelAnswer } from './answers';
export type { Conversation, ConversationMessage, ToolCall } from './conversation';
export { lastUserMessage, toolResultsThisTurn } from './conversation';

/** Turns what the model sees into its answer; may be async. */
export type ModelScript = (
	conversation: Conversation,
	request: RecordedModelRequest,
) => ModelAnswer | Promise<ModelAnswer>;

export interface RecordedModelRequest {
	at: string;
	method: string;
	path: string;
	/** The bearer token n8n sent (the credential's API key). */
	apiKey: string;
	/** The request body as parsed JSON (undefined for GET). */
	body?: Record<string, unknown>;
	conversation?: Conversation;
	answer?: ModelAnswer;
	/** When the answer (or its last event) was written. */
	answeredAt?: string;
	statusCode: number;
}

export interface ModelServerOptions {
	/** Bearer token to require; any token passes when absent. */
	apiKey?: string;
	/** The model ids `GET /v1/models` lists. */
	models?: string[];
	/** Delay before every answer unless the answer has its own `delayMs`. */
	delayMs?: number;
	script?: ModelScript;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;
const API_PATHS: Record<string, ModelApi> = {
	'/v1/responses': 'responses',
	'/v1/chat/completions': 'chat.completions',
};

const openAiError = (message: string, type: string, code: string | null = null) => ({
	error: { message, type, param: null, code },
});

function sendJson(response: http.ServerResponse, statusCode: number, body: unknown) {
	const text = JSON.stringify(body);
	response.writeHead(statusCode, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(text),
	});
	response.end(text);
}

function sendEvents(response: http.ServerResponse, events: ServerSentEvent[]) {
	response.writeHead(200, {
		'Content-Type': 'text/event-stream; charset=utf-8',
		'Cache-Control': 'no-cache',
		Connection: 'keep-alive',
	});
	for (const { event, data } of events) {
		const text = typeof data === 'string' ? data : JSON.stringify(data);
		response.write(`${event ? `event: ${event}\n` : ''}data: ${text}\n\n`);
	}
	response.end();
}

async function readJson(request: http.IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
		chunks.push(chunk as Buffer);
	}
	return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

export class ModelServer {
	readonly requests: RecordedModelRequest[] = [];

	script: ModelScript;

	private readonly server: http.Server;

	private readonly sockets = new Set<Socket>();

	constructor(private readonly options: ModelServerOptions = {}) {
		this.script = options.script ?? (() => ({ text: 'Hello from the model server.' }));
		this.server = http.createServer((request, response) => {
			this.handle(request, response).catch((error: Error) => {
				if (!response.headersSent)
					sendJson(response, 500, openAiError(error.message, 'server_error'));
				else response.destroy();
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	/** The Base URL to give n8n's OpenAI credential (it ends in /v1, as OpenAI's does). */
	get baseUrl(): string {
		const address = this.server.address() as AddressInfo | null;
		if (!address) throw new Error('the model server is not listening');
		return `http://127.0.0.1:${address.port}/v1`;
	}

	/** The requests that asked for an answer (not the model list). */
	get completions(): RecordedModelRequest[] {
		return this.requests.filter((r) => r.conversation !== undefined);
	}

	async start(port = 0): Promise<this> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () => resolve());
		});
		return this;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	reset(): void {
		this.requests.length = 0;
	}

	private async handle(request: http.IncomingMessage, response: http.ServerResponse) {
		const path = new URL(request.url ?? '/', 'http://model').pathname.replace(/\/+$/, '');
		const authorization = String(request.headers.authorization ?? '');
		const record: RecordedModelRequest = {
			at: new Date().toISOString(),
			method: request.method ?? '',
			path,
			apiKey: authorization.replace(/^Bearer\s+/i, ''),
			statusCode: 0,
		};
		this.requests.push(record);
		const answer = (statusCode: number, body: unknown) => {
			record.statusCode = statusCode;
			sendJson(response, statusCode, body);
		};
		if (this.options.apiKey !== undefined && record.apiKey !== this.options.apiKey)
			return answer(
				401,
				openAiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'),
			);
		if (request.method === 'GET' && path === '/v1/models') return answer(200, this.modelList());
		const api = Object.prototype.hasOwnProperty.call(API_PATHS, path) ? API_PATHS[path] : undefined;
		if (request.method !== 'POST' || !api)
			return answer(
				404,
				openAiError(`no route ${request.method} ${path}`, 'invalid_request_error'),
			);
		record.body = await readJson(request);
		await this.complete(api, record, response);
	}

	private modelList() {
		const created = Math.floor(Date.now() / 1000);
		return {
			object: 'list',
			data: (this.options.models ?? ['gpt-test']).map((id) => ({
				id,
				object: 'model',
				created,
				owned_by: 'model-server',
			})),
		};
	}

	private async complete(
		api: ModelApi,
		record: RecordedModelRequest,
		response: http.ServerResponse,
	) {
		const body = record.body ?? {};
		const conversation = readConversation(api, body);
		record.conversation = conversation;
		const answer = await this.script(conversation, record);
		record.answer = answer;
		const delayMs = answer.delayMs ?? this.options.delayMs ?? 0;
		if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
		record.statusCode = 200;
		if (conversation.stream) {
			const includeUsage =
				typeof body.stream_options === 'object' &&
				(body.stream_options as { include_usage?: boolean } | null)?.include_usage === true;
			sendEvents(
				response,
				api === 'responses'
					? responsesEvents(conversation, answer)
					: chatCompletionEvents(conversation, answer, includeUsage),
			);
		} else {
			sendJson(
				response,
				200,
				api === 'responses'
					? responsesBody(conversation, answer)
					: chatCompletionBody(conversation, answer),
			);
		}
		record.answeredAt = new Date().toISOString();
	}
}

export async function startModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
	return await new ModelServer(options).start();
}
