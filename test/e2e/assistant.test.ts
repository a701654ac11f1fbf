/**
 * The AI assistant example as `npm start -- --openai-key …` imports it (the real
 * examples/ai-assistant.json, the demo's credentials pointing at the sandbox and at the scripted
 * model server), in a real n8n of each supported line, with the sandbox playing the contacts on
 * the conversational webhook.
 *
 * Every message is marked read with typing before its reply, and the reply quotes it; each
 * contact's memory is its own; a photo reaches the model as an image; a voice note gets the
 * polite answer without the model; a reaction gets nothing.
 */
import type { Conversation } from '../../dev/modelServer/server';
import { demoWebhook } from '../../dev/n8n/demo';
import { BOTH_N8N_LINES } from '../../dev/n8n/n8nInstall';
import { samplePhotoPng } from '../../sandbox/media/samples';
import type { RecordedInbound, RecordedMessage } from '../../sandbox/server';
import { BotDeployment, importDemoWithModel } from './harness/botDeployment';

const ASSISTANT = 'exampleAiAssistant';

/**
 * What the contact said this turn: the user messages after the model's last answer. n8n's agent
 * puts an input item's images in a user message of their own, after the text.
 */
function saidThisTurn(conversation: Conversation) {
	const messages = conversation.messages;
	const lastAnswer = messages.map((message) => message.role).lastIndexOf('assistant');
	const said = messages.slice(lastAnswer + 1).filter((message) => message.role === 'user');
	return {
		text: said
			.map((message) => message.text)
			.filter((text) => text !== '')
			.join(' '),
		images: said.flatMap((message) => message.images),
	};
}

/** The scripted model: names the turn and echoes what the contact said, so replies are traceable. */
const modelAnswer = (conversation: Conversation) => {
	const said = saidThisTurn(conversation);
	const turn = conversation.messages.filter((message) => message.role === 'assistant').length + 1;
	const photo = said.images.length ? ` (with ${said.images.length} image)` : '';
	return { text: `Turn ${turn}: you said "${said.text}"${photo}` };
};

const textOf = (message: RecordedMessage) => (message.message as { text: { body: string } }).text;

describe.each(BOTH_N8N_LINES)('%s: the AI assistant example', (_label, spec) => {
	const at = new BotDeployment();

	beforeAll(async () => {
		await at.start(spec, importDemoWithModel);
		at.sandbox.configure({ webhook: demoWebhook(at.n8n.url, 'assistant') });
	});

	afterAll(async () => await at.stop());

	beforeEach(() => {
		at.reset();
		at.model.script = modelAnswer;
	});

	/** The contact's latest inbound message, as the sandbox recorded it before posting it. */
	function lastInboundFrom(phone: string): RecordedInbound {
		const from = at.sandbox.inbound.filter((inbound) => inbound.phoneNumber === phone);
		return from[from.length - 1];
	}

	/** Where a request stands in the sandbox's log of every API request, in arrival order. */
	const logPosition = (requestId: string) =>
		at.sandbox.requests.findIndex((request) => request.id === requestId);

	/**
	 * The reply to `inbound` quotes it, and the sandbox got the read receipt with typing for it
	 * before the reply.
	 */
	function expectReadThenQuoted(inbound: RecordedInbound, reply: RecordedMessage) {
		expect(reply.message.context).toEqual({ message_id: inbound.waMessageId });
		const receipts = at.sandbox.receipts.filter((r) => r.messageId === inbound.waMessageId);
		expect(receipts).toEqual([expect.objectContaining({ typing: true })]);
		expect(logPosition(receipts[0].requestId)).toBeGreaterThanOrEqual(0);
		expect(logPosition(receipts[0].requestId)).toBeLessThan(logPosition(reply.requestId));
	}

	test('two contacts writing in turns: each message read with typing, then answered quoting it, each contact with its own memory', async () => {
		const ada = '+15550008001';
		const bob = '+15550008002';
		const turns: Array<[string, string]> = [
			[ada, 'I am Ada'],
			[bob, 'I am Bob'],
			[ada, 'What is my name?'],
			[bob, 'And mine?'],
		];
		for (const [index, [phone, text]] of turns.entries()) {
			await at.sandbox.sendReply(text, { phoneNumber: phone });
			const inbound = lastInboundFrom(phone);
			const reply = await at.messageTo(phone, index < 2 ? 1 : 2);
			expectReadThenQuoted(inbound, reply);
			expect(textOf(reply)).toEqual({ body: expect.stringContaining(`you said "${text}"`) });
		}
		expect(at.sandbox.messages).toHaveLength(4);

		// What the model saw for each contact's second message: that contact's history only.
		const seen = at.model.completions.map((completion) =>
			completion
				.conversation!.messages.filter(
					(message) => message.role === 'user' || message.role === 'assistant',
				)
				.map((message) => `${message.role}: ${message.text}`),
		);
		expect(seen).toEqual([
			['user: I am Ada'],
			['user: I am Bob'],
			['user: I am Ada', 'assistant: Turn 1: you said "I am Ada"', 'user: What is my name?'],
			['user: I am Bob', 'assistant: Turn 1: you said "I am Bob"', 'user: And mine?'],
		]);
		expect(textOf(at.sandbox.messages[2]).body).toBe('Turn 2: you said "What is my name?"');
	});

	test('a photo is downloaded and reaches the model as an image with its caption; the answer quotes it', async () => {
		const phone = '+15550008003';
		await at.sandbox.sendPhoto({ phoneNumber: phone }, 'Is this in stock?');
		const inbound = lastInboundFrom(phone);
		const reply = await at.messageTo(phone);
		expectReadThenQuoted(inbound, reply);
		expect(textOf(reply).body).toBe('Turn 1: you said "Is this in stock?" (with 1 image)');

		const said = saidThisTurn(at.model.completions[0].conversation!);
		expect(said.images).toEqual([`data:image/png;base64,${samplePhotoPng().toString('base64')}`]);
		expect(at.sandbox.downloads).toHaveLength(1);
	});

	test('a voice note gets the polite answer without the model; a reaction gets nothing', async () => {
		const phone = '+15550008004';
		const runs = await at.n8n.executionCount(ASSISTANT);
		await at.sandbox.sendVoiceNote({ phoneNumber: phone });
		const inbound = lastInboundFrom(phone);
		const reply = await at.messageTo(phone);
		expectReadThenQuoted(inbound, reply);
		expect(textOf(reply).body).toMatch(/^Thanks for your voice note! I cannot listen to audio/);

		await at.sandbox.sendInbound(
			{ type: 'reaction', reaction: { message_id: reply.waMessageId, emoji: '👍' } },
			{ phoneNumber: phone },
		);
		// The voice note's execution and the reaction's ran, and every one so far succeeded.
		const statuses = await at.executionsFinished(ASSISTANT, runs + 2);
		expect(statuses).toEqual(Array(runs + 2).fill('success'));
		expect(at.sandbox.messages).toHaveLength(1);
		expect(at.sandbox.receipts).toHaveLength(1);
		expect(at.model.completions).toEqual([]);
	});
});
