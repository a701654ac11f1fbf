/**
 * n8n's REST API as the editor calls it: logged in as the owner, with the `n8n-auth` cookie and
 * the `browser-id` header n8n binds that cookie to. n8n 2.x takes its owner from the
 * environment (N8nInstance's `owner` option), so the session logs in; n8n 1.x has no such
 * option, so the session completes the owner setup a person does on first start.
 */
import { randomUUID } from 'crypto';

import type { N8nInstance, Owner } from '../../../dev/n8n/n8nInstance';

export class RestSession {
	private constructor(
		private readonly baseUrl: string,
		private readonly cookie: string,
		private readonly browserId: string,
	) {}

	static async asOwner(n8n: N8nInstance, owner: Owner): Promise<RestSession> {
		const browserId = randomUUID();
		const [path, body] = n8n.isV1
			? [
					'/rest/owner/setup',
					{
						email: owner.email,
						password: owner.password,
						firstName: owner.firstName ?? 'Demo',
						lastName: owner.lastName ?? 'User',
					},
				]
			: ['/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password }];
		const response = await fetch(`${n8n.url}${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'browser-id': browserId },
			body: JSON.stringify(body),
		});
		if (!response.ok)
			throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
		const cookie = response.headers
			.getSetCookie()
			.map((header) => header.split(';')[0])
			.find((pair) => pair.startsWith('n8n-auth='));
		if (!cookie) throw new Error(`${path} set no n8n-auth cookie`);
		return new RestSession(n8n.url, cookie, browserId);
	}

	/** Calls `/rest{path}` and returns the `data` n8n wraps every answer in. */
	async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				'browser-id': this.browserId,
				cookie: this.cookie,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} /rest${path} answered ${response.status}: ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** A file the editor loads outside /rest with the same login, such as `/types/nodes.json`. */
	async getFile<T>(path: string): Promise<T> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			headers: { 'browser-id': this.browserId, cookie: this.cookie },
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${text}`);
		return JSON.parse(text) as T;
	}

	/** The editor's Stop button on a running execution. */
	async stopExecution(executionId: string): Promise<unknown> {
		return await this.request('POST', `/executions/${executionId}/stop`, {});
	}
}
