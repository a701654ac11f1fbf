/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sandbox keys */
/**
 * Mark as Read and media in a real n8n on both supported lines: the trigger's items marked read
 * with "typing…", a read receipt without it through the credential's Phone Number ID, a file
 * uploaded, looked up and downloaded back byte for byte (the download on another host, without
 * the key), and one PDF sent from binary data to several contacts with a single upload.
 */
import { DEFAULT_PHONE_NUMBER_ID } from '../../sandbox/options';
import type { InsiderSandbox } from '../../sandbox/server';
import { client, waitFor } from '../support/http';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import { BOTH_N8N_LINES, ensureN8n } from '../../dev/n8n/n8nInstall';
import { freePort, N8nInstance } from '../../dev/n8n/n8nInstance';
import { INSIDER_CREDENTIAL, PKG, WEBHOOK_CREDENTIAL, workflow } from './harness/workflows';

const WEBHOOK_TOKEN = 'e2e-webhook-token-0123456789';
const PDF = Buffer.alloc(200 * 1024, 0x61);
PDF.write('%PDF-1.7\n', 0, 'latin1');

const webhook = (path: string, responseData = 'allEntries') => ({
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId: `${path}-hook`,
	parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData, options: {} },
});

const insider = (name: string, resource: string, operation: string, fields: object = {}) => ({
	name,
	type: `${PKG}.insiderWhatsApp`,
	typeVersion: 1,
	credentials: { insiderWhatsAppApi: INSIDER_CREDENTIAL },
	parameters: { resource, operation, ...fields },
});

function workflows() {
	const trigger = {
		name: 'Insider WhatsApp Trigger',
		type: `${PKG}.insiderWhatsAppTrigger`,
		typeVersion: 1,
		webhookId: 'e2e-mark-read',
		credentials: { insiderWhatsAppWebhookApi: WEBHOOK_CREDENTIAL },
		parameters: { authentication: 'bearerToken', options: {} },
	};
	// Every item sends the Webhook's one file.
	const eachPhone =
		"const [first] = $input.all();\nreturn first.json.query.phones.split(',').map((phone) => ({ json: { phone }, binary: first.binary }));";
	return [
		// The trigger's messageId and phoneNumberId flow into Mark as Read's defaults.
		workflow(
			'e2eMarkRead',
			'E2E mark as read',
			[trigger, insider('Read', 'message', 'markAsRead')],
			[trigger.name, 'Read'],
		),
		workflow(
			'e2eReadNoTyping',
			'E2E read without typing',
			[
				webhook('read-no-typing'),
				insider('Read', 'message', 'markAsRead', {
					messageId: '={{ $json.body.messageId }}',
					showTypingIndicator: false,
				}),
			],
			['Webhook', 'Read'],
		),
		workflow(
			'e2eMediaRoundTrip',
			'E2E media round trip',
			[
				webhook('media-round-trip'),
				insider('Upload', 'media', 'upload'),
				insider('Get URL', 'media', 'getUrl', { mediaId: '={{ $json.id }}' }),
				insider('Download', 'media', 'download', { mediaId: '={{ $json.id }}' }),
				// n8n 1.x answers a binary response of its memory mode as JSON: give the bytes as base64.
				{
					name: 'As Base64',
					type: 'n8n-nodes-base.extractFromFile',
					typeVersion: 1.1,
					parameters: {
						operation: 'binaryToPropery',
						binaryPropertyName: 'data',
						destinationKey: 'base64',
						options: {},
					},
				},
			],
			['Webhook', 'Upload', 'Get URL', 'Download', 'As Base64'],
		),
		workflow(
			'e2eSendBinary',
			'E2E send media from binary',
			[
				webhook('send-binary'),
				{
					name: 'Each Phone',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					parameters: { jsCode: eachPhone },
				},
				insider('Send', 'message', 'sendMedia', {
					phoneNumber: '={{ $json.phone }}',
					mediaType: 'document',
					mediaSource: 'binary',
					caption: 'Our spring catalogue',
					options: {},
				}),
			],
			['Webhook', 'Each Phone', 'Send'],
		),
	];
}

describe.each(BOTH_N8N_LINES)('%s', (_label, spec) => {
	let sandbox: InsiderSandbox;
	let n8n: N8nInstance;

	beforeAll(async () => {
		const install = await ensureN8n(spec);
		sandbox = await startTestSandbox({ rateLimitPerSecond: 10 });
		n8n = new N8nInstance(install, { port: await freePort() });
		await n8n.importCredentials([
			{
				...INSIDER_CREDENTIAL,
				type: 'insiderWhatsAppApi',
				data: { apiKey: TEST_KEY, baseUrl: sandbox.url, phoneNumberId: DEFAULT_PHONE_NUMBER_ID },
			},
			{ ...WEBHOOK_CREDENTIAL, type: 'insiderWhatsAppWebhookApi', data: { token: WEBHOOK_TOKEN } },
		]);
		await n8n.importWorkflows(workflows());
		await n8n.start();
		sandbox.configure({
			webhook: { url: `${n8n.url}/webhook/e2e-mark-read/webhook`, token: WEBHOOK_TOKEN },
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.stop();
	});

	beforeEach(() => sandbox.reset());

	test('the trigger\'s messages are marked read with "typing…", text and photo alike', async () => {
		await sandbox.sendReply('Hi, are you open today?', {});
		await sandbox.sendPhoto({}, 'This one?');
		await waitFor(() => sandbox.receipts.length === 2, 60_000, 'two read receipts');
		expect(sandbox.receipts.map((r) => [r.messageId, r.typing]).sort()).toEqual(
			sandbox.inbound.map((m) => [m.waMessageId, true]).sort(),
		);
		expect(sandbox.requests.map((r) => [r.kind, r.endpoint, r.statusCode])).toEqual([
			['read', `/v1/${DEFAULT_PHONE_NUMBER_ID}/messages`, 200],
			['read', `/v1/${DEFAULT_PHONE_NUMBER_ID}/messages`, 200],
		]);
		expect(sandbox.inbound.map((m) => m.status)).toEqual(['read', 'read']);
		expect(sandbox.typing()).toHaveLength(1);
	});

	test("without typing, and with the credential's Phone Number ID", async () => {
		await sandbox.sendReply('Thanks!', {});
		await waitFor(() => sandbox.receipts.length === 1, 60_000, 'the trigger workflow');
		const messageId = sandbox.inbound[0].waMessageId;
		const response = await client.post(`${n8n.url}/webhook/read-no-typing`, { messageId });
		expect(response.data).toEqual([
			{ messageId, phoneNumberId: DEFAULT_PHONE_NUMBER_ID, typing: false, status: 'read' },
		]);
		expect(sandbox.receipts.map((r) => [r.messageId, r.typing])).toEqual([
			[messageId, true],
			[messageId, false],
		]);
		expect(JSON.parse(sandbox.requests[1].body)).toEqual({
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: messageId,
		});
	});

	test('upload, get URL and download give back identical bytes; the media host gets no key', async () => {
		sandbox.configure({ mediaHost: 'localhost' });
		try {
			const response = await client.post(`${n8n.url}/webhook/media-round-trip`, PDF, {
				headers: { 'Content-Type': 'application/pdf' },
			});
			expect(response.status).toBe(200);
			const [{ base64 }] = response.data as Array<{ base64: string }>;
			expect(Buffer.from(base64, 'base64').equals(PDF)).toBe(true);
			expect(sandbox.requests.map((r) => [r.kind, r.statusCode])).toEqual([
				['mediaUpload', 200],
				['mediaInfo', 200],
				['mediaInfo', 200],
			]);
			expect(sandbox.downloads.map((d) => [d.host, d.carriedApiKey, d.statusCode])).toEqual([
				['localhost', false, 200],
			]);
		} finally {
			sandbox.configure({ mediaHost: undefined });
		}
	});

	test('one PDF from binary data to five contacts: one upload, five messages with its ID', async () => {
		const phones = Array.from({ length: 5 }, (_, i) => `+1555300000${i}`);
		const response = await client.post(
			`${n8n.url}/webhook/send-binary?phones=${encodeURIComponent(phones.join(','))}`,
			PDF,
			{ headers: { 'Content-Type': 'application/pdf' } },
		);
		expect(response.status).toBe(200);
		expect((response.data as Array<{ status: string }>).map((item) => item.status)).toEqual(
			phones.map(() => 'accepted'),
		);
		expect(sandbox.requests.map((r) => r.kind)).toEqual(['mediaUpload', 'send']);
		const [stored] = sandbox.mediaList().filter((m) => m.origin === 'upload');
		expect(stored).toMatchObject({ mimeType: 'application/pdf', size: PDF.length });
		expect(sandbox.messages.map((m) => m.phoneNumber).sort()).toEqual(phones);
		for (const message of sandbox.messages)
			expect(message.message).toMatchObject({
				type: 'document',
				document: { id: stored.id, caption: 'Our spring catalogue' },
			});
	});
});
