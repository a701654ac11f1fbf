/**
 * Runs one message type's cases over real HTTP on both send endpoints (Insider documents the
 * same envelope for both): each accepted message is recorded exactly as sent; each refused one,
 * sent after a valid message, is answered 400 with code 2002 naming index 1 and the field, and
 * nothing of the request is recorded. Any type may answer an earlier message (reply-to context).
 */
import type { InsiderSandbox } from '../../../sandbox/server';
import { postSend } from '../../support/http';
import { quickReply } from '../../support/messages';
import { startTestSandbox } from '../../support/sandbox';
import { row } from '../messageBuilders';

const ENDPOINTS = ['/v1/conversational/send', '/v1/send'];
const PHONE = '+15550001111';

export const rows = (count: number, prefix = 'r') =>
	Array.from({ length: count }, (_, i) => row(`${prefix}${i}`));

export interface MessageTypeCases {
	/** [what, message]: Insider accepts it; boundaries included. */
	accepted: Array<[string, unknown]>;
	/** [what, message, field after messages[1].message., start of the problem] */
	refused: Array<[string, unknown, string, string]>;
}

export function checkMessageType({ accepted, refused }: MessageTypeCases) {
	let sandbox: InsiderSandbox;
	beforeAll(
		async () =>
			(sandbox = await startTestSandbox({ rateLimitPerSecond: 0, requireKnownMediaIds: false })),
	);
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	describe.each(ENDPOINTS)('%s', (endpoint) => {
		test.each(accepted)('accepts and records %s', async (_what, message) => {
			const body = { messages: [{ phoneNumber: PHONE, message }] };
			const response = await postSend(sandbox.url, body, {}, endpoint);
			expect(response.body).toEqual({ keys: [expect.stringMatching(/^whatsapp-/)] });
			expect(response.status).toBe(200);
			expect(sandbox.messages).toHaveLength(1);
			expect(sandbox.messages[0]).toMatchObject({ endpoint, phoneNumber: PHONE });
			expect(sandbox.messages[0].message).toEqual(message);
		});

		test(`accepts ${accepted[0][0]} answering an earlier message (reply-to context)`, async () => {
			const message = { ...(accepted[0][1] as object), context: { message_id: 'wamid.HBgL' } };
			const response = await postSend(
				sandbox.url,
				{ messages: [{ phoneNumber: PHONE, message }] },
				{},
				endpoint,
			);
			expect(response.status).toBe(200);
			expect(sandbox.messages[0].message.context).toEqual({ message_id: 'wamid.HBgL' });
		});

		test.each(refused)(
			'refuses %s with 2002 naming index and field',
			async (_what, message, field, problem) => {
				const body = {
					messages: [
						{ phoneNumber: PHONE, message: quickReply() },
						{ phoneNumber: PHONE, message },
					],
				};
				const response = await postSend(sandbox.url, body, {}, endpoint);
				expect(response.status).toBe(400);
				expect(response.body.error).toEqual({ code: 2002, message: 'failed to validate request' });
				expect(response.body.errors).toContain(
					`Key: 'messages[1].message.${field}' Error: ${problem}`,
				);
				expect(response.body.errors).not.toContain("Key: 'messages[0]");
				expect(sandbox.messages).toHaveLength(0);
			},
		);
	});
}
