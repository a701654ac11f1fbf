/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, never inside n8n, and is not published */
import type http from 'http';

import type { FaultSpec } from './faults';
import { HttpProblem, readJsonBody, sendJson } from './httpIo';
import type { InsiderSandbox } from './server';
import type { TapTarget } from './taps';

type AdminRoute = (
	sandbox: InsiderSandbox,
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
		sandbox.configure((await readJsonBody(request)) as Parameters<InsiderSandbox['configure']>[0]);
		return sandbox.publicConfig();
	},
	'POST /sandbox/tap': async (sandbox, request) => {
		const body = await readJsonBody(request);
		return { delivered: await sandbox.tap(String(body.key ?? ''), tapTarget(body)) };
	},
	'POST /sandbox/reply': async (sandbox, request) => {
		const body = await readJsonBody(request);
		const delivered = await sandbox.sendReply(String(body.text ?? ''), {
			key: optionalString(body.key),
			phoneNumber: optionalString(body.phoneNumber),
		});
		return { delivered };
	},
};

export async function handleAdmin(
	sandbox: InsiderSandbox,
	url: URL,
	request: http.IncomingMessage,
	response: http.ServerResponse,
) {
	const route = `${request.method} ${url.pathname.replace(/\/+$/, '')}`;
	const handler = ROUTES[route];
	if (!handler) throw new HttpProblem(404, `no admin route ${route}`);
	sendJson(response, 200, await handler(sandbox, request));
}
