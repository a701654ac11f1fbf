/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, never inside n8n, and is not published */
import type http from 'http';

import type { ContactTarget } from './contact';
import type { DeliveryAttempt } from './delivery';
import type { FaultBook, FaultSpec } from './faults';
import { HttpProblem, readJsonBody, sendJson } from './httpIo';
import type { MediaInfo, StoredMedia } from './media/store';
import type { ConfigChanges } from './options';
import type { TypingIndicator } from './receipts';
import type {
	RecordedDownload,
	RecordedInbound,
	RecordedMessage,
	RecordedReceipt,
	RecordedRequest,
} from './records';
import type { TapTarget } from './taps';

/** What the admin API reads and drives; the sandbox implements it. */
export interface SandboxControl {
	readonly messages: RecordedMessage[];
	readonly requests: RecordedRequest[];
	readonly inbound: RecordedInbound[];
	readonly receipts: RecordedReceipt[];
	readonly downloads: RecordedDownload[];
	readonly callbackAttempts: DeliveryAttempt[];
	readonly faults: FaultBook;
	reset(): void;
	publicConfig(): unknown;
	configure(changes: ConfigChanges): void;
	typing(): TypingIndicator[];
	mediaList(): MediaInfo[];
	mediaFile(id: string): StoredMedia | undefined;
	tap(key: string, target: TapTarget): Promise<boolean>;
	sendReply(text: string, target: ContactTarget): Promise<boolean>;
	sendPhoto(target: ContactTarget, caption?: string): Promise<boolean>;
	sendVoiceNote(target: ContactTarget): Promise<boolean>;
	sendInbound(message: unknown, target: ContactTarget): Promise<boolean>;
}

type AdminRoute = (
	sandbox: SandboxControl,
	request: http.IncomingMessage,
) => Promise<unknown> | unknown;

const optionalString = (value: unknown) => (value === undefined ? undefined : String(value));

/** What `POST /sandbox/tap` names: a reply button, a list row, or a template quick-reply button. */
function tapTarget(body: Record<string, unknown>): TapTarget {
	if (body.buttonId !== undefined) return { buttonId: String(body.buttonId) };
	if (body.rowId !== undefined) return { rowId: String(body.rowId) };
	if (body.buttonIndex !== undefined || body.payload !== undefined) {
		const buttonIndex = body.buttonIndex === undefined ? undefined : Number(body.buttonIndex);
		if (buttonIndex !== undefined && !Number.isInteger(buttonIndex))
			throw new HttpProblem(400, 'buttonIndex must be an integer');
		return { buttonIndex, payload: optionalString(body.payload), text: optionalString(body.text) };
	}
	throw new HttpProblem(400, 'a tap needs buttonId, rowId, buttonIndex or payload');
}

/** Who writes and what it answers: `{"phoneNumber"?, "key"?}` in a contact route's body. */
const contactTarget = (body: Record<string, unknown>): ContactTarget => ({
	key: optionalString(body.key),
	phoneNumber: optionalString(body.phoneNumber),
});

/** A contact route: the body in, `{delivered}` (the webhook's first attempt) out. */
const contactRoute =
	(
		send: (sandbox: SandboxControl, body: Record<string, unknown>) => Promise<boolean>,
	): AdminRoute =>
	async (sandbox, request) => ({ delivered: await send(sandbox, await readJsonBody(request)) });

/** The admin API under /sandbox/: one handler per "METHOD path", each answering JSON. */
const ROUTES: Record<string, AdminRoute> = {
	'GET /sandbox/health': () => ({ ok: true }),
	'GET /sandbox/messages': (sandbox) => ({ messages: sandbox.messages }),
	'DELETE /sandbox/messages': (sandbox) => {
		sandbox.reset();
		return { cleared: true };
	},
	'GET /sandbox/requests': (sandbox) => ({ requests: sandbox.requests }),
	'GET /sandbox/callbacks': (sandbox) => ({ attempts: sandbox.callbackAttempts }),
	'GET /sandbox/faults': (sandbox) => ({ faults: sandbox.faults.list() }),
	'POST /sandbox/faults': async (sandbox, request) => {
		const body = await readJsonBody(request);
		const specs = (Array.isArray(body.faults) ? body.faults : [body]) as FaultSpec[];
		try {
			specs.forEach((spec) => sandbox.faults.add(spec));
		} catch (error) {
			throw new HttpProblem(400, (error as Error).message);
		}
		return { faults: sandbox.faults.list() };
	},
	'DELETE /sandbox/faults': (sandbox) => {
		sandbox.faults.clear();
		return { faults: [] };
	},
	'GET /sandbox/config': (sandbox) => sandbox.publicConfig(),
	'PUT /sandbox/config': async (sandbox, request) => {
		sandbox.configure((await readJsonBody(request)) as ConfigChanges);
		return sandbox.publicConfig();
	},
	'GET /sandbox/inbound': (sandbox) => ({ inbound: sandbox.inbound, typing: sandbox.typing() }),
	'GET /sandbox/receipts': (sandbox) => ({ receipts: sandbox.receipts }),
	'GET /sandbox/media': (sandbox) => ({
		media: sandbox.mediaList(),
		downloads: sandbox.downloads,
	}),
	'POST /sandbox/tap': async (sandbox, request) => {
		const body = await readJsonBody(request);
		return { delivered: await sandbox.tap(String(body.key ?? ''), tapTarget(body)) };
	},
	'POST /sandbox/reply': contactRoute(
		async (sandbox, body) => await sandbox.sendReply(String(body.text ?? ''), contactTarget(body)),
	),
	'POST /sandbox/photo': contactRoute(
		async (sandbox, body) =>
			await sandbox.sendPhoto(contactTarget(body), optionalString(body.caption)),
	),
	'POST /sandbox/voice': contactRoute(
		async (sandbox, body) => await sandbox.sendVoiceNote(contactTarget(body)),
	),
	'POST /sandbox/inbound': contactRoute(
		async (sandbox, body) => await sandbox.sendInbound(body.message, contactTarget(body)),
	),
};

const MEDIA_FILE = /^\/sandbox\/media\/([^/]+)$/;

/** `GET /sandbox/media/{id}`: a stored file's bytes without a key, for the phone preview. */
function serveMediaFile(sandbox: SandboxControl, id: string, response: http.ServerResponse) {
	const stored = sandbox.mediaFile(id);
	if (!stored) throw new HttpProblem(404, `no media with id "${id}"`);
	response.writeHead(200, { 'Content-Type': stored.mimeType, 'Content-Length': stored.size });
	response.end(stored.bytes);
}

export async function handleAdmin(
	sandbox: SandboxControl,
	url: URL,
	request: http.IncomingMessage,
	response: http.ServerResponse,
) {
	const path = url.pathname.replace(/\/+$/, '');
	const mediaFile = MEDIA_FILE.exec(path);
	if (request.method === 'GET' && mediaFile) return serveMediaFile(sandbox, mediaFile[1], response);
	const route = `${request.method} ${path}`;
	const handler = Object.prototype.hasOwnProperty.call(ROUTES, route) ? ROUTES[route] : undefined;
	if (!handler) throw new HttpProblem(404, `no admin route ${route}`);
	sendJson(response, 200, await handler(sandbox, request));
}
