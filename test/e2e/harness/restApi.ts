/**
 * n8n's REST API as the editor calls it: log in as the owner (auth cookie plus the browser-id
 * header the cookie is bound to), then call the routes behind the editor's buttons.
 */
import type { Owner } from './n8nInstance';

export class N8nRestSession {
	private constructor(
		private readonly baseUrl: string,
		private readonly cookie: string,
		private readonly browserId: string,
	) {}

	/**
	 * n8n 2.x creates the owner from N8N_INSTANCE_OWNER_* (see N8nInstance), so we log in; n8n 1.x
	 * has no such setting, so the owner is set up the way the editor's first screen does it.
	 */
	static async forOwner(baseUrl: string, owner: Owner, setUp: boolean): Promise<N8nRestSession> {
		const browserId = `e2e-${Date.now()}`;
		const response = await fetch(`${baseUrl}/rest/${setUp ? 'owner/setup' : 'login'}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': browserId },
			body: JSON.stringify(
				setUp
					? {
							email: owner.email,
							password: owner.password,
							firstName: owner.firstName ?? 'Demo',
							lastName: owner.lastName ?? 'User',
						}
					: { emailOrLdapLoginId: owner.email, password: owner.password },
			),
		});
		if (!response.ok) {
			throw new Error(`login failed: ${response.status} ${await response.text()}`);
		}
		const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
		return new N8nRestSession(baseUrl, cookie, browserId);
	}

	async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: {
				cookie: this.cookie,
				'browser-id': this.browserId,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
		const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
		return (parsed.data ?? parsed) as T;
	}

	/** The editor's Stop button on a running execution. */
	async stopExecution(executionId: string): Promise<unknown> {
		return await this.request('POST', `/executions/${executionId}/stop`, {});
	}
}
