/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the keys are fake sandbox keys */
import fs from 'fs';
import path from 'path';

import { callTriggerWebhook } from '../support/engine';

const SAMPLES = path.resolve(__dirname, '../fixtures/insider-samples');
const sample = (name: string) => JSON.parse(fs.readFileSync(path.join(SAMPLES, name), 'utf8'));
const TOKEN = 'a-very-long-webhook-token-123';
const ALL_EVENTS = [
	'accepted',
	'sent',
	'delivered',
	'read',
	'failed',
	'reply',
	'message',
	'unknown',
];

let nodeCounter = 0;
/** A fresh node id per call keeps deduplication from linking unrelated tests. */
const call = (
	body: unknown,
	overrides: {
		parameters?: Record<string, unknown>;
		headers?: Record<string, string>;
		query?: Record<string, string>;
		token?: string;
		nodeId?: string;
	} = {},
) =>
	callTriggerWebhook({
		parameters: {
			events: ALL_EVENTS,
			authentication: 'none',
			options: {},
			...overrides.parameters,
		},
		body,
		headers: overrides.headers,
		query: overrides.query,
		token: overrides.token,
		nodeId: overrides.nodeId ?? `node-${++nodeCounter}`,
	});
const json = (result: Awaited<ReturnType<typeof call>>) =>
	(result.items ?? []).map((item) => item.json);

describe('every sample payload', () => {
	test('Insider accepted event', async () => {
		const result = await call(sample('callback-accepted.json'));
		const [item] = json(result);
		expect(item).toMatchObject({
			event: 'accepted',
			key: 'whatsapp-550e8400-e29b-41d4-a716-446655440000',
			messageId: 'wamid.HBgLMTU1NTAwMDExMTEVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
			phoneNumber: '+15550001111',
			error: null,
			reply: null,
			text: null,
			raw: sample('callback-accepted.json'),
		});
		expect(item.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(result.webhookResponse).toEqual({ received: true, events: 1 });
	});

	test('Insider error event becomes failed', async () => {
		const [item] = json(await call(sample('callback-error.json')));
		expect(item).toMatchObject({
			event: 'failed',
			key: 'whatsapp-550e8400-e29b-41d4-a716-446655440000',
			error: {
				code: 130429,
				title: 'OAuthException',
				message: '(#130429) Rate limit hit',
				details:
					'Message failed to send because there were too many messages sent from this phone number in a short period of time',
			},
		});
	});

	test('Meta status envelope (delivered)', async () => {
		const [item] = json(await call(sample('meta-status-webhook.json')));
		expect(item).toEqual({
			event: 'delivered',
			key: null,
			messageId: 'wamid.HBgLMTU1NTAwMDExMTEVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
			phoneNumber: '+15550001111',
			timestamp: new Date(1750263773 * 1000).toISOString(),
			error: null,
			reply: null,
			text: null,
			raw: sample('meta-status-webhook.json').entry[0].changes[0].value.statuses[0],
		});
	});

	test('Meta failed status carries the 131047 error', async () => {
		const [item] = json(await call(sample('meta-status-failed-webhook.json')));
		expect(item.event).toBe('failed');
		expect(item.error).toEqual({
			code: 131047,
			title: 'Re-engagement message',
			message: 'Re-engagement message',
			details:
				'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
		});
	});

	test('Meta button reply', async () => {
		const [item] = json(await call(sample('meta-button-reply-webhook.json')));
		expect(item).toMatchObject({
			event: 'reply',
			messageId: 'wamid.HBgLMTU1NTAwMDExMTEVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
			phoneNumber: '+15550001111',
			timestamp: new Date(1750263800 * 1000).toISOString(),
			reply: {
				type: 'button',
				id: 'updates_yes',
				title: 'Yes please',
				contextMessageId: 'wamid.HBgLMTU1NTAwMDExMTEVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
			},
			text: null,
		});
	});

	test("the inner value of an envelope is recognised, with Insider's key", async () => {
		const value = {
			...sample('meta-status-webhook.json').entry[0].changes[0].value,
			key: 'whatsapp-inner',
		};
		const [item] = json(await call(value));
		expect(item).toMatchObject({
			event: 'delivered',
			key: 'whatsapp-inner',
			phoneNumber: '+15550001111',
		});
	});

	test('a key on the envelope or on the status is carried to the item', async () => {
		const envelope = { ...sample('meta-status-webhook.json'), key: 'whatsapp-outer' };
		expect(json(await call(envelope))[0].key).toBe('whatsapp-outer');
		const inStatus = sample('meta-status-webhook.json');
		inStatus.entry[0].changes[0].value.statuses[0].key = 'whatsapp-in-status';
		expect(json(await call(inStatus))[0].key).toBe('whatsapp-in-status');
	});
});

describe('several events and other shapes', () => {
	test('an envelope with several statuses and messages gives one item each, statuses first', async () => {
		const value = {
			messaging_product: 'whatsapp',
			statuses: [
				{ id: 'wamid.1', status: 'sent', timestamp: '1750263771', recipient_id: '15550001111' },
				{ id: 'wamid.2', status: 'read', timestamp: '1750263772', recipient_id: '15550002222' },
			],
			messages: [
				{
					from: '15550003333',
					id: 'wamid.3',
					timestamp: '1750263773',
					type: 'text',
					text: { body: 'Hello there' },
				},
				{
					from: '15550004444',
					id: 'wamid.4',
					timestamp: '1750263774',
					type: 'interactive',
					interactive: {
						type: 'list_reply',
						list_reply: { id: 'row_2', title: 'Tuesday', description: 'Afternoon' },
					},
					context: { id: 'wamid.0' },
				},
				{
					from: '15550005555',
					id: 'wamid.5',
					timestamp: '1750263775',
					type: 'button',
					button: { payload: 'CONFIRM', text: 'Confirm' },
					context: { id: 'wamid.00' },
				},
			],
		};
		const envelope = {
			object: 'whatsapp_business_account',
			entry: [
				{ id: '1', changes: [{ field: 'messages', value }] },
				{
					id: '2',
					changes: [
						{
							field: 'messages',
							value: {
								statuses: [
									{
										id: 'wamid.6',
										status: 'delivered',
										timestamp: '1750263776',
										recipient_id: '15550006666',
									},
								],
							},
						},
					],
				},
			],
		};
		const items = json(await call(envelope));
		expect(items.map((i) => i.event)).toEqual([
			'sent',
			'read',
			'message',
			'reply',
			'reply',
			'delivered',
		]);
		expect(items[2]).toMatchObject({
			text: 'Hello there',
			phoneNumber: '+15550003333',
			reply: null,
		});
		expect(items[3].reply).toEqual({
			type: 'list',
			id: 'row_2',
			title: 'Tuesday',
			contextMessageId: 'wamid.0',
		});
		expect(items[4].reply).toEqual({
			type: 'templateButton',
			id: 'CONFIRM',
			title: 'Confirm',
			contextMessageId: 'wamid.00',
		});
	});

	test('a flat object with key and status', async () => {
		const [item] = json(
			await call({
				key: 'whatsapp-flat',
				status: 'READ',
				timestamp: '2026-11-24T10:00:00Z',
				phoneNumber: '+15550001111',
			}),
		);
		expect(item).toMatchObject({
			event: 'read',
			key: 'whatsapp-flat',
			phoneNumber: '+15550001111',
			timestamp: '2026-11-24T10:00:00.000Z',
		});
	});

	test('a flat object with id and event', async () => {
		const [item] = json(await call({ id: 'whatsapp-flat-2', event: 'delivered' }));
		expect(item).toMatchObject({ event: 'delivered', key: 'whatsapp-flat-2' });
	});

	test('anything else comes out as unknown with its raw payload', async () => {
		const body = { hello: 'world', nested: { a: 1 } };
		const [item] = json(await call(body));
		expect(item).toMatchObject({ event: 'unknown', key: null, raw: body });
	});

	test('includeRaw off leaves raw out', async () => {
		const [item] = json(
			await call(sample('meta-status-webhook.json'), {
				parameters: { options: { includeRaw: false } },
			}),
		);
		expect(item).not.toHaveProperty('raw');
		expect(Object.keys(item)).toEqual([
			'event',
			'key',
			'messageId',
			'phoneNumber',
			'timestamp',
			'error',
			'reply',
			'text',
		]);
	});
});

describe('authentication', () => {
	const bearer = { authentication: 'bearerToken' };
	const urlToken = { authentication: 'urlToken' };

	test('bearer token: the right token passes', async () => {
		const result = await call(sample('meta-button-reply-webhook.json'), {
			parameters: bearer,
			token: TOKEN,
			headers: { Authorization: `Bearer ${TOKEN}` },
		});
		expect(result.status).toBeUndefined();
		expect(json(result)).toHaveLength(1);
	});

	test.each([
		['a wrong token', { Authorization: 'Bearer a-very-long-webhook-token-124' }],
		['a token of a different length', { Authorization: 'Bearer short' }],
		['no token', {}],
		['another scheme', { Authorization: `Basic ${TOKEN}` }],
	])('bearer token: %s gets 401 and starts nothing', async (_what, headers) => {
		const result = await call(sample('meta-button-reply-webhook.json'), {
			parameters: bearer,
			token: TOKEN,
			headers,
		});
		expect(result.status).toBe(401);
		expect(result.responseBody).toEqual({ message: 'unauthorized' });
		expect(result.items).toBeUndefined();
	});

	test('URL token: the right token passes', async () => {
		const result = await call(sample('meta-status-webhook.json'), {
			parameters: urlToken,
			token: TOKEN,
			query: { token: TOKEN },
		});
		expect(json(result)).toHaveLength(1);
	});

	test.each([
		['a wrong token', { token: 'a-very-long-webhook-token-12X' }],
		['a token of a different length', { token: 'x' }],
		['no token', {}],
	])('URL token: %s gets 401 and starts nothing', async (_what, query) => {
		const result = await call(sample('meta-status-webhook.json'), {
			parameters: urlToken,
			token: TOKEN,
			query,
		});
		expect(result.status).toBe(401);
		expect(result.items).toBeUndefined();
	});

	test('a bearer header does not satisfy URL-token mode', async () => {
		const result = await call(sample('meta-status-webhook.json'), {
			parameters: urlToken,
			token: TOKEN,
			headers: { Authorization: `Bearer ${TOKEN}` },
		});
		expect(result.status).toBe(401);
	});

	test('an empty configured token never matches', async () => {
		const result = await call(sample('meta-status-webhook.json'), {
			parameters: bearer,
			token: '',
			headers: { Authorization: 'Bearer ' },
		});
		expect(result.status).toBe(401);
	});
});

describe('deduplication, filtering and malformed bodies', () => {
	test('a retried callback is emitted once', async () => {
		const first = await call(sample('meta-status-webhook.json'), { nodeId: 'dedupe-node' });
		const retry = await call(sample('meta-status-webhook.json'), { nodeId: 'dedupe-node' });
		expect(json(first)).toHaveLength(1);
		expect(retry.items).toBeUndefined();
		expect(retry.webhookResponse).toEqual({ received: true, events: 0 });
		const otherNode = await call(sample('meta-status-webhook.json'), { nodeId: 'another-node' });
		expect(json(otherNode)).toHaveLength(1);
	});

	test('the same message with a new status is not a duplicate', async () => {
		const delivered = sample('meta-status-webhook.json');
		const read = sample('meta-status-webhook.json');
		read.entry[0].changes[0].value.statuses[0].status = 'read';
		await call(delivered, { nodeId: 'dedupe-2' });
		expect(json(await call(read, { nodeId: 'dedupe-2' }))).toHaveLength(1);
	});

	test('with deduplication off, a retry is emitted again', async () => {
		const parameters = { options: { deduplicate: false } };
		await call(sample('callback-accepted.json'), { nodeId: 'dedupe-3', parameters });
		expect(
			json(await call(sample('callback-accepted.json'), { nodeId: 'dedupe-3', parameters })),
		).toHaveLength(1);
	});

	test('unknown payloads are never dropped as duplicates', async () => {
		await call({ something: 'odd' }, { nodeId: 'dedupe-4' });
		expect(json(await call({ something: 'odd' }, { nodeId: 'dedupe-4' }))).toHaveLength(1);
	});

	test('a request whose events are all filtered out starts no execution', async () => {
		const result = await call(sample('meta-status-webhook.json'), {
			parameters: { events: ['reply'] },
		});
		expect(result.items).toBeUndefined();
		expect(result.webhookResponse).toEqual({ received: true, events: 0 });
	});

	test('the filter keeps only the chosen events of a mixed payload', async () => {
		const value = {
			statuses: [
				{ id: 'w1', status: 'sent', timestamp: '1' },
				{ id: 'w1', status: 'read', timestamp: '2' },
			],
		};
		expect(
			json(await call(value, { parameters: { events: ['read'] } })).map((i) => i.event),
		).toEqual(['read']);
	});

	test.each([
		['a JSON array', [1, 2]],
		['a number', 42],
		['a text body that is not JSON', 'not json at all'],
		['no body', undefined],
	])('%s gets 400 and starts nothing', async (_what, body) => {
		const result = await call(body);
		expect(result.status).toBe(400);
		expect(result.responseBody).toEqual({ message: 'The body must be a JSON object' });
		expect(result.items).toBeUndefined();
	});

	test('a JSON object sent as text is parsed', async () => {
		expect(json(await call(JSON.stringify(sample('meta-status-webhook.json'))))[0].event).toBe(
			'delivered',
		);
	});
});

describe('the webhook token credential test', () => {
	test('refuses short tokens and accepts long ones', async () => {
		const { InsiderWhatsAppTrigger } = await import(
			'../../nodes/InsiderWhatsAppTrigger/InsiderWhatsAppTrigger.node'
		);
		const test = new InsiderWhatsAppTrigger().methods.credentialTest.webhookTokenTest;
		const run = (token: string) =>
			test.call({} as never, {
				id: '1',
				name: 't',
				type: 'insiderWhatsAppWebhookApi',
				data: { token },
			});
		expect(await run('short')).toEqual({
			status: 'Error',
			message: 'The token must be at least 16 characters long',
		});
		expect(await run(TOKEN)).toEqual({ status: 'OK', message: 'Token is set' });
	});
});
