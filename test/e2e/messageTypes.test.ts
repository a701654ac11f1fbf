/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the token is a fake sandbox token */
/**
 * Every message operation in a real n8n on both supported lines: the exact request bodies, and
 * a mixed campaign of three operations over 300 items sharing one key without a 429.
 */
import type { IDataObject } from 'n8n-workflow';

import type { InsiderSandbox } from '../../sandbox/server';
import { client } from '../support/http';
import { EXACT_MESSAGES } from '../support/messageExamples';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import { BOTH_N8N_LINES, ensureN8n } from '../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../dev/n8n/n8nInstance';
import { credentials, INSIDER_CREDENTIAL, PKG, workflow } from './harness/workflows';

const WEBHOOK_TOKEN = 'e2e-webhook-token-0123456789';

const webhookNode = (path: string) => ({
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId: `${path}-hook`,
	parameters: {
		httpMethod: 'POST',
		path,
		responseMode: 'lastNode',
		responseData: 'allEntries',
		options: {},
	},
});

const insiderNode = (
	name: string,
	operation: string,
	fields: IDataObject,
	options: IDataObject,
) => ({
	name,
	type: `${PKG}.insiderWhatsApp`,
	typeVersion: 1,
	credentials: { insiderWhatsAppApi: INSIDER_CREDENTIAL },
	parameters: { resource: 'message', operation, ...fields, options },
});

/** Webhook -> one Insider WhatsApp node per example, one after another, all to one contact. */
function everyTypeWorkflow() {
	const phone = "={{ $('Webhook').item.json.body.phone }}";
	const nodes = EXACT_MESSAGES.map(([operation, fields], index) =>
		insiderNode(`Send ${index}`, operation, { phoneNumber: phone, ...fields }, {}),
	);
	return workflow(
		'e2eEveryType',
		'E2E every message type',
		[webhookNode('every-type'), ...nodes],
		['Webhook', ...nodes.map((node) => node.name)],
	);
}

/**
 * A campaign in three steps over the same contacts: a template opens the conversation (on the
 * transactional API), then a text, then a quick reply, each node on the previous one's items.
 */
function mixedCampaignWorkflow() {
	const batching = { batchSize: 20, requestsPerSecond: 10 };
	const nodes = [
		webhookNode('mixed'),
		{
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.contacts', options: {} },
		},
		insiderNode(
			'Template',
			'sendTemplate',
			{
				phoneNumber: '={{ $json.phone }}',
				templateName: 'order_shipped',
				languageCode: 'en_US',
				bodyParameters: { parameter: [{ text: '={{ $json.name }}' }] },
			},
			{ ...batching, api: 'transactional' },
		),
		insiderNode(
			'Text',
			'sendText',
			{ phoneNumber: '={{ $json.phoneNumber }}', text: 'Your parcel is on its way.' },
			batching,
		),
		insiderNode(
			'Quick Reply',
			'sendQuickReply',
			{
				phoneNumber: '={{ $json.phoneNumber }}',
				bodyText: 'Would you like delivery updates?',
				buttons: { button: [{ id: 'yes', title: 'Yes please' }] },
			},
			batching,
		),
	];
	return workflow(
		'e2eMixed',
		'E2E mixed campaign',
		nodes,
		nodes.map((node) => node.name),
	);
}

describe.each(BOTH_N8N_LINES)('%s', (_label, spec) => {
	let sandbox: InsiderSandbox;
	let n8n: N8nInstance;

	beforeAll(async () => {
		const install = await ensureN8n(spec);
		sandbox = await startTestSandbox({ rateLimitPerSecond: 10 });
		n8n = new N8nInstance(install, { port: await freePort() });
		await n8n.importCredentials(credentials(sandbox.url, TEST_KEY, WEBHOOK_TOKEN));
		await n8n.importWorkflows([everyTypeWorkflow(), mixedCampaignWorkflow()]);
		await n8n.start();
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	const post = async (path: string, body: object) => {
		const response = await client.post(`${n8n.url}/webhook/${path}`, body, { timeout: 300_000 });
		if (response.status !== 200) {
			throw new Error(`${path}: ${response.status} ${JSON.stringify(response.data)}`);
		}
		return response.data as Array<Record<string, unknown>>;
	};

	test('every operation sends exactly its documented message', async () => {
		sandbox.reset();
		const [last] = await post('every-type', { phone: '+15550001111' });
		expect(last.status).toBe('accepted');
		const sent = sandbox.requests.map((request) => JSON.parse(request.body) as IDataObject);
		expect(JSON.stringify(sent)).toBe(
			JSON.stringify(
				EXACT_MESSAGES.map(([, , message]) => ({
					messages: [{ phoneNumber: '+15550001111', message }],
				})),
			),
		);
	});

	test('a mixed campaign: 3 operations x 300 contacts, no 429, each message exactly once', async () => {
		sandbox.reset();
		const contacts = Array.from({ length: 300 }, (_, i) => ({
			phone: `+1555${String(3000000 + i).padStart(7, '0')}`,
			name: `Contact ${i}`,
		}));
		const output = await post('mixed', { contacts });
		expect(output).toHaveLength(300);
		expect(output.every((item) => item.status === 'accepted')).toBe(true);

		const statuses = sandbox.requests.map((request) => request.statusCode);
		expect(statuses.filter((status) => status !== 200)).toEqual([]);
		// 15 requests of 20 per operation; templates on the transactional endpoint.
		expect(sandbox.requests.map((request) => request.endpoint)).toEqual([
			...Array(15).fill('/v1/send'),
			...Array(30).fill('/v1/conversational/send'),
		]);
		const phonesOfType = (type: string) =>
			sandbox.messages.filter((m) => m.message.type === type).map((m) => m.phoneNumber);
		// Requests run concurrently, so compare as sets: everyone once, nobody twice.
		const everyone = contacts.map((contact) => contact.phone).sort();
		for (const type of ['template', 'text', 'interactive']) {
			expect(phonesOfType(type).sort()).toEqual(everyone);
		}
	});
});
