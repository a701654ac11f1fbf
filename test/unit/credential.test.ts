/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sandbox keys */
import type { IAuthenticateGeneric } from 'n8n-workflow';

import { InsiderWhatsAppApi } from '../../credentials/InsiderWhatsAppApi.credentials';
import type { InsiderSandbox } from '../../sandbox/server';
import { runCredentialTest } from '../support/credentialTest';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';

const credential = new InsiderWhatsAppApi();
const RESTRICTED_KEY = 'INS.restricted-key-4567';
let sandbox: InsiderSandbox;

beforeAll(async () => {
	sandbox = await startTestSandbox({
		keys: [TEST_KEY, RESTRICTED_KEY],
		ipRestrictedKeys: [RESTRICTED_KEY],
	});
});
afterAll(async () => await sandbox.stop());
beforeEach(() => sandbox.reset());

describe('authenticate', () => {
	test('puts the API key in X-INS-AUTH-KEY and nowhere else', () => {
		const authenticate = credential.authenticate as IAuthenticateGeneric;
		expect(authenticate.type).toBe('generic');
		expect(authenticate.properties).toEqual({
			headers: { 'X-INS-AUTH-KEY': '={{$credentials.apiKey}}' },
		});
	});

	test('the key is a password field and required; the base URL defaults to Insider', () => {
		const apiKey = credential.properties.find((p) => p.name === 'apiKey');
		expect(apiKey?.typeOptions?.password).toBe(true);
		expect(apiKey?.required).toBe(true);
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe(
			'https://whatsapp.useinsider.com',
		);
	});
});

describe('credential test against an Insider-like server on loopback', () => {
	test('a valid key is reported as successful and sends no message', async () => {
		const result = await runCredentialTest(credential, { apiKey: TEST_KEY, baseUrl: sandbox.url });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].statusCode).toBe(400);
		expect(sandbox.messages).toHaveLength(0);
	});

	test('a trailing slash on the base URL is tolerated', async () => {
		const result = await runCredentialTest(credential, {
			apiKey: TEST_KEY,
			baseUrl: `${sandbox.url}/`,
		});
		expect(result.status).toBe('OK');
		expect(sandbox.requests[0].endpoint).toBe('/v1/conversational/send');
	});

	test('a wrong key is reported as a 401 with what to do', async () => {
		const result = await runCredentialTest(credential, {
			apiKey: 'INS.wrong',
			baseUrl: sandbox.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the API key \(401 unauthorized\)/);
	});

	test('an IP-restricted key is reported as 403 code 1088 with the allow-list advice', async () => {
		const result = await runCredentialTest(credential, {
			apiKey: RESTRICTED_KEY,
			baseUrl: sandbox.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/403, code 1088/);
		expect(result.message).toMatch(/allow-list/);
	});

	test('maintenance mode is reported as such', async () => {
		sandbox.faults.add({ kind: 'maintenance' });
		const result = await runCredentialTest(credential, { apiKey: TEST_KEY, baseUrl: sandbox.url });
		expect(result.message).toMatch(/maintenance mode/);
	});

	test('the request carries a User-Agent naming the package', async () => {
		await runCredentialTest(credential, { apiKey: TEST_KEY, baseUrl: sandbox.url });
		expect(sandbox.requests[0].userAgent).toMatch(/^n8n-nodes-insider-whatsapp/);
	});
});
