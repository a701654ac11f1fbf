/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- development tooling: runs in plain Node, never inside n8n, and is not published; the tokens are fake */
import { admitEvents } from '../../nodes/InsiderWhatsAppTrigger/deduplicator';
import { CALLBACK_EVENT_NAMES } from '../../nodes/shared/callbackEvent';
import { normalizeEvents } from '../../nodes/shared/normalizeEvents';
import { callTriggerWebhook } from '../support/engine';
import { ITEM_KEYS, sample } from './expectedItems';
import { requestAsN8nBuildsIt } from './n8nRequest';
import { PAYLOAD_CASES, REFUSED_BODIES, resolveReceivedAt } from './payloadCases';

const TOKEN = 'a-very-long-webhook-token-123';

interface CallOptions {
	parameters?: Record<string, unknown>;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	token?: string;
	nodeId?: string;
	/** n8n's answer after the node returned (default 200). */
	n8nAnswers?: number;
	/** Default: application/json; null sends none. */
	contentType?: string | null;
}

let nodeCounter = 0;
/**
 * Posts `text` to the trigger as n8n hands it over. A fresh node id per call keeps
 * deduplication from linking unrelated tests.
 */
const post = (text: string, overrides: CallOptions = {}) => {
	const contentType =
		overrides.contentType === undefined ? 'application/json' : overrides.contentType;
	const request = requestAsN8nBuildsIt(text, contentType);
	return callTriggerWebhook({
		parameters: {
			events: CALLBACK_EVENT_NAMES,
			authentication: 'none',
			options: {},
			...overrides.parameters,
		},
		body: request.body,
		rawBody: request.rawBody,
		headers: { ...request.headers, ...overrides.headers },
		query: overrides.query,
		token: overrides.token,
		nodeId: overrides.nodeId ?? `node-${++nodeCounter}`,
		n8nAnswers: overrides.n8nAnswers,
	});
};
const call = (body: unknown, overrides: CallOptions = {}) => post(JSON.stringify(body), overrides);
const json = (result: Awaited<ReturnType<typeof call>>) =>
	(result.items ?? []).map((item) => item.json);

describe('every body Insider may post gives its items', () => {
	test.each(PAYLOAD_CASES.map((c) => [c.name, c] as const))('%s', async (_name, payloadCase) => {
		const before = new Date();
		const result = await post(payloadCase.body, { contentType: payloadCase.contentType });
		const after = new Date();
		const items = json(result);
		expect(result.status).toBeUndefined();
		expect(items).toEqual(resolveReceivedAt(payloadCase.expectedItems, items, before, after));
		expect(result.webhookResponse).toEqual({
			received: true,
			events: payloadCase.expectedItems.length,
		});
	});

	test.each(REFUSED_BODIES.map((c) => [c.name, c] as const))(
		'%s gets 400, saying it is not JSON, and starts nothing',
		async (_name, refused) => {
			const result = await post(refused.body, { contentType: refused.contentType });
			expect(result.status).toBe(400);
			const { message } = result.responseBody as { message: string };
			if (refused.reason) expect(message).toBe(`The body is not JSON: ${refused.reason}`);
			else expect(message).toMatch(/^The body is not JSON: \S/);
			expect(result.items).toBeUndefined();
		},
	);

	test('a parsed JSON body without its bytes (as a unit test of n8n-core may hand it) is read', async () => {
		const result = await callTriggerWebhook({
			parameters: { events: CALLBACK_EVENT_NAMES, authentication: 'none', options: {} },
			body: [sample('callback-accepted.json'), sample('callback-error.json')],
			nodeId: 'no-raw-body',
		});
		expect(json(result).map((item) => item.event)).toEqual(['accepted', 'failed']);
	});

	test('includeRaw off leaves raw out', async () => {
		const [item] = json(
			await call(sample('meta-status-webhook.json'), {
				parameters: { options: { includeRaw: false } },
			}),
		);
		expect(item).not.toHaveProperty('raw');
		expect(Object.keys(item)).toEqual(ITEM_KEYS.filter((key) => key !== 'raw'));
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

	test.each([
		['empty', ''],
		['1 character, presented exactly', 'x'],
		['15 characters, presented exactly', 'x'.repeat(15)],
	])(
		'a configured token that is %s accepts nothing, and says why (fail closed)',
		async (_what, token) => {
			for (const [parameters, request] of [
				[bearer, { headers: { Authorization: `Bearer ${token}` } }],
				[urlToken, { query: { token } }],
			] as const) {
				const result = await call(sample('meta-status-webhook.json'), {
					parameters,
					token,
					...request,
				});
				expect(result.status).toBe(500);
				expect(result.responseBody).toEqual({
					message:
						"The trigger's token is shorter than 16 characters, so it accepts no request: set a longer token in its Insider WhatsApp Webhook API credential",
				});
				expect(result.items).toBeUndefined();
			}
		},
	);
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

	test('a retry of a callback n8n could not start (it answered 500) is emitted', async () => {
		const body = sample('meta-status-webhook.json');
		const refused = await call(body, { nodeId: 'dedupe-refused', n8nAnswers: 500 });
		expect(json(refused)).toHaveLength(1);
		expect(json(await call(body, { nodeId: 'dedupe-refused' }))).toHaveLength(1);
		expect(json(await call(body, { nodeId: 'dedupe-refused' }))).toHaveLength(0);
	});

	test('a retry while the first delivery still awaits n8n is answered 503 and emits nothing', async () => {
		const body = sample('meta-status-webhook.json');
		// The first delivery, admitted in this node's memory (workflow id : node id); n8n has not answered it.
		const first = admitEvents('wf-trigger:dedupe-in-flight', normalizeEvents(body));
		expect(first).toHaveProperty('events', [expect.objectContaining({ event: 'delivered' })]);
		const retry = await call(body, { nodeId: 'dedupe-in-flight' });
		expect(retry.status).toBe(503);
		expect(retry.items).toBeUndefined();
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

	test('the elements of a JSON array are deduplicated against each other', async () => {
		const delivered = sample('meta-status-webhook.json');
		const result = await call([delivered, delivered, sample('callback-accepted.json')]);
		expect(json(result).map((item) => item.event)).toEqual(['delivered', 'accepted']);
		expect(result.webhookResponse).toEqual({ received: true, events: 2 });
	});

	test('the filter applies to every element of a JSON array', async () => {
		const result = await call(
			[sample('meta-status-webhook.json'), sample('meta-button-reply-webhook.json')],
			{ parameters: { events: ['reply'] } },
		);
		expect(json(result).map((item) => item.event)).toEqual(['reply']);
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
