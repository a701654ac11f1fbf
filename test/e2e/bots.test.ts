/**
 * The example bots as `npm start` imports them (the real files in examples/, the demo's
 * credentials pointing at the sandbox and the model server), in a real n8n of each supported
 * line, with the sandbox playing the contact on the conversational webhook.
 *
 * Menu bot: any message gets the list menu; a tapped row gets its answer, quoting the tap; a
 * reaction gets nothing; a Send and Wait tap still resumes its execution while the menu bot owns
 * the webhook.
 */
import { BOTH_N8N_LINES } from '../../dev/n8n/n8nInstall';
import { demoWebhook } from '../../dev/n8n/demo';
import type { RecordedMessage } from '../../sandbox/server';
import { client, waitFor } from '../support/http';
import { BotDeployment, importDemoWithModel, TEST_KEY } from './harness/botDeployment';
import { askWorkflow } from './harness/sendAndWaitWorkflows';
import { credentials } from './harness/workflows';

const MENU_BOT = 'exampleMenuBot';
const ROWS = ['opening_hours', 'track_order', 'returns', 'talk_to_person'];

type ListMessage = {
	type: string;
	interactive: {
		type: string;
		action: { sections: Array<{ rows: Array<{ id: string; title: string }> }> };
	};
};
type Forwarded = {
	source: string;
	branch: string;
	execution: string;
	item: Record<string, unknown>;
};

const rowIdsOf = (menu: RecordedMessage) =>
	(menu.message as unknown as ListMessage).interactive.action.sections.flatMap((section) =>
		section.rows.map((row) => row.id),
	);

describe.each(BOTH_N8N_LINES)('%s: the example bots', (_label, spec) => {
	const at = new BotDeployment();

	beforeAll(async () => {
		await at.start(spec, async (n8n, services) => {
			await importDemoWithModel(n8n, services);
			await n8n.importCredentials(credentials(services.sandboxUrl, TEST_KEY, 'e2e-unused-token'));
			await n8n.importWorkflows([
				askWorkflow({
					id: 'e2eBotsAsk',
					path: 'bots-ask',
					askNodeId: '3d5e7f90-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
					recorderUrl: services.recorderUrl,
				}),
			]);
		});
	});

	afterAll(async () => await at.stop());

	beforeEach(() => at.reset());

	describe('menu bot', () => {
		beforeAll(() => at.sandbox.configure({ webhook: demoWebhook(at.n8n.url, 'menuBot') }));

		test('a contact writes "hi": the menu arrives; a tapped row gets its answer, quoting the tap', async () => {
			const phone = '+15550007001';
			await at.sandbox.sendReply('hi', { phoneNumber: phone });
			const menu = await at.messageTo(phone);
			expect(menu.message).toMatchObject({
				type: 'interactive',
				interactive: { type: 'list', header: { type: 'text', text: 'How can we help?' } },
			});
			expect(rowIdsOf(menu)).toEqual(ROWS);

			await at.sandbox.tapListRow(menu.key, 'returns');
			const answer = await at.messageTo(phone, 2);
			const tap = menu.replies[0];
			expect(tap).toMatchObject({ rowId: 'returns', title: 'Returns' });
			expect(answer.message).toEqual({
				type: 'text',
				text: { body: expect.stringMatching(/^You can return anything within 30 days/) },
				context: { message_id: tap.waMessageId },
			});
			expect(at.sandbox.messages).toHaveLength(2);
		});

		test('every topic has its own answer; a photo gets the menu; a reaction gets nothing', async () => {
			const phone = '+15550007002';
			const runs = await at.n8n.executionCount(MENU_BOT);
			await at.sandbox.sendPhoto({ phoneNumber: phone }, 'Is this in stock?');
			const menu = await at.messageTo(phone);
			expect(rowIdsOf(menu)).toEqual(ROWS);
			const bodies: string[] = [];
			for (const [index, row] of ROWS.entries()) {
				await at.sandbox.tapListRow(menu.key, row);
				const answer = await at.messageTo(phone, index + 2);
				bodies.push((answer.message as { text: { body: string } }).text.body);
			}
			expect(new Set(bodies).size).toBe(ROWS.length);
			expect(bodies[0]).toMatch(/9:00 to 21:00/);

			const sent = at.sandbox.messages.length;
			await at.sandbox.sendInbound(
				{
					type: 'reaction',
					reaction: { message_id: at.sandbox.messages[1].waMessageId, emoji: '👍' },
				},
				{ phoneNumber: phone },
			);
			// One execution for the photo, one per tap, one for the reaction: all finished.
			await at.executionsFinished(MENU_BOT, runs + ROWS.length + 2);
			expect(at.sandbox.messages).toHaveLength(sent);
		});

		test('a Send and Wait tap still resumes its own execution, and the menu bot sends nothing', async () => {
			const phone = '+15550007003';
			const runs = await at.n8n.executionCount(MENU_BOT);
			const response = await client.post(`${at.n8n.url}/webhook/bots-ask`, {
				phone,
				name: 'Ada',
			});
			expect(response.status).toBe(200);
			const question = await at.messageTo(phone);
			const buttons = (
				question.message as {
					interactive: { action: { buttons: Array<{ reply: { id: string } }> } };
				}
			).interactive.action.buttons;
			await at.sandbox.tapButton(question.key, buttons[1].reply.id);
			await waitFor(() => at.recorder.received.length > 0, 60_000, 'the resumed execution');
			expect(at.recorded<Forwarded>()).toEqual([
				expect.objectContaining({ source: 'e2eBotsAsk', branch: 'no' }),
			]);
			expect(at.sandbox.messages).toHaveLength(1);
			expect(await at.n8n.executionCount(MENU_BOT)).toBe(runs);
		});
	});
});
