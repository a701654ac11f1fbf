/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sandbox keys */
/**
 * The Insider WhatsApp API credential's Test button, run by n8n itself on both supported lines:
 * the editor's calls (read the saved credential, post it to /rest/credentials/test) against the
 * sandbox answering as Insider does for a working key, a wrong key, a key whose IP allow-list
 * excludes n8n, and maintenance.
 */
import type { InsiderSandbox } from '../../sandbox/server';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import { DEMO_OWNER } from '../../dev/n8n/demo';
import { BOTH_N8N_LINES, ensureN8n } from '../../dev/n8n/n8nInstall';
import { N8nInstance } from '../../dev/n8n/n8nInstance';
import { RestSession } from './harness/restSession';

const RESTRICTED_KEY = 'INS.restricted-key-4567';
const WRONG_KEY = 'INS.wrong-key-0000';

type SavedCredential = { id: string; name: string; type: string; data: Record<string, unknown> };

describe.each(BOTH_N8N_LINES)('%s: the credential Test button', (_label, spec) => {
	let sandbox: InsiderSandbox;
	let n8n: N8nInstance;
	let session: RestSession;

	beforeAll(async () => {
		const install = await ensureN8n(spec);
		sandbox = await startTestSandbox({
			keys: [TEST_KEY, RESTRICTED_KEY],
			ipRestrictedKeys: [RESTRICTED_KEY],
		});
		n8n = new N8nInstance(install, { owner: DEMO_OWNER });
		const credential = (id: string, apiKey: string, baseUrl = sandbox.url) => ({
			id,
			name: id,
			type: 'insiderWhatsAppApi',
			data: { apiKey, baseUrl },
		});
		await n8n.importCredentials([
			credential('working', TEST_KEY),
			credential('trailingSlash', TEST_KEY, `${sandbox.url}/`),
			credential('wrongKey', WRONG_KEY),
			credential('restricted', RESTRICTED_KEY),
		]);
		await n8n.start();
		session = await RestSession.asOwner(n8n, DEMO_OWNER);
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	beforeEach(() => sandbox.reset());

	/** What the editor does on Test: send the saved credential, as it received it, back to be tested. */
	async function pressTest(id: string) {
		const saved = await session.request<SavedCredential>(
			'GET',
			`/credentials/${id}?includeData=true`,
		);
		return await session.request<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: { id: saved.id, name: saved.name, type: saved.type, data: saved.data },
		});
	}

	test('the editor receives the saved key redacted, never the key itself', async () => {
		const saved = await session.request<SavedCredential>(
			'GET',
			'/credentials/working?includeData=true',
		);
		expect(saved.type).toBe('insiderWhatsAppApi');
		expect(saved.data.baseUrl).toBe(sandbox.url);
		expect(typeof saved.data.apiKey).toBe('string');
		expect(saved.data.apiKey).not.toContain(TEST_KEY.slice(4));
	});

	test('a working key: "Connection successful!", one empty send that Insider rejects, no message', async () => {
		expect(await pressTest('working')).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({
			endpoint: '/v1/conversational/send',
			apiKey: `…${TEST_KEY.slice(-4)}`,
			userAgent: 'n8n-nodes-insider-whatsapp (credential test)',
			statusCode: 400,
			messageCount: 0,
		});
		expect(sandbox.messages).toHaveLength(0);
	});

	test('a base URL with a trailing slash reaches the same endpoint', async () => {
		expect(await pressTest('trailingSlash')).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sandbox.requests.map((r) => r.endpoint)).toEqual(['/v1/conversational/send']);
	});

	test('a wrong key (401 unauthorized): copy the key again', async () => {
		expect(await pressTest('wrongKey')).toEqual({
			status: 'Error',
			message:
				'Insider rejected the API key (401 unauthorized). Copy the WhatsApp API key from InOne again and check it has not been revoked.',
		});
		expect(sandbox.requests.map((r) => r.statusCode)).toEqual([401]);
	});

	test("an IP outside the key's allow-list (403, code 1088): add n8n's IP", async () => {
		expect(await pressTest('restricted')).toEqual({
			status: 'Error',
			message:
				"Insider blocked this server's IP address (403, code 1088). Add the n8n server's public IP to the API key's allow-list in InOne.",
		});
		expect(sandbox.requests.map((r) => r.statusCode)).toEqual([403]);
	});

	test('maintenance (503, code 2020): try again later', async () => {
		sandbox.faults.add({ kind: 'maintenance' });
		expect(await pressTest('working')).toEqual({
			status: 'Error',
			message: 'Insider is in maintenance mode (code 2020). Try again in a few minutes.',
		});
		expect(sandbox.requests.map((r) => [r.statusCode, r.fault])).toEqual([[503, 'maintenance']]);
	});
});
