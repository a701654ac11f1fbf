import type { IAuthenticateGeneric } from 'n8n-workflow';

import { InsiderWhatsAppApi } from '../../credentials/InsiderWhatsAppApi.credentials';

// The Test button is proven in a real n8n (test/e2e/credentialTest.test.ts); these are the
// parts of the credential that test cannot see.
const credential = new InsiderWhatsAppApi();

describe('authenticate', () => {
	test('puts the API key in X-INS-AUTH-KEY and nowhere else', () => {
		const authenticate = credential.authenticate as IAuthenticateGeneric;
		expect(authenticate.type).toBe('generic');
		expect(authenticate.properties).toEqual({
			headers: { 'X-INS-AUTH-KEY': '={{$credentials.apiKey}}' },
		});
	});

	test('the key is required; the base URL defaults to Insider', () => {
		expect(credential.properties.find((p) => p.name === 'apiKey')?.required).toBe(true);
		expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe(
			'https://whatsapp.useinsider.com',
		);
	});
});
