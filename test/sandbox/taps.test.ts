/* The contact's taps on list rows and template quick-reply buttons reach the conversational
   webhook as Meta's inbound messages, answering the tapped message (context.id its wamid). */
import type { InsiderSandbox } from '../../sandbox/server';
import { client, postSend, startReceiver } from '../support/http';
import { quickReply, sendBody } from '../support/messages';
import { startTestSandbox } from '../support/sandbox';
import { list, template } from './messageBuilders';

type Inbound = {
	from: string;
	type: string;
	context: { from: string; id: string };
	interactive?: unknown;
	button?: unknown;
};
type Envelope = {
	object: string;
	key?: string;
	entry: Array<{ changes: Array<{ value: { messages: Inbound[] } }> }>;
};

let sandbox: InsiderSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
	receiver = await startReceiver();
	sandbox = await startTestSandbox({
		webhook: { url: `${receiver.url}/hook`, token: 'hook-token' },
	});
});
afterAll(async () => {
	await sandbox.stop();
	await receiver.stop();
});
beforeEach(() => {
	sandbox.reset();
	receiver.received.length = 0;
});

async function send(message: unknown) {
	const response = await postSend(sandbox.url, sendBody(message, '+15550001111'));
	expect(response.status).toBe(200);
	return (response.body.keys as string[])[0];
}

const tap = async (body: Record<string, unknown>) =>
	await client.post(`${sandbox.url}/sandbox/tap`, body);

/** The one inbound message the webhook received, after checking its envelope. */
function receivedInbound(key: string): Inbound {
	expect(receiver.received).toHaveLength(1);
	const [request] = receiver.received;
	expect(request.url).toBe('/hook');
	expect(request.headers.authorization).toBe('Bearer hook-token');
	const envelope = request.body as Envelope;
	expect(envelope.object).toBe('whatsapp_business_account');
	expect(envelope.key).toBe(key);
	const inbound = envelope.entry[0].changes[0].value.messages[0];
	expect(inbound.from).toBe('15550001111');
	expect(inbound.context).toEqual({ from: '15550783881', id: sandbox.messages[0].waMessageId });
	return inbound;
}

describe('list rows', () => {
	test("a row tapped through the admin API arrives as Meta's list_reply with id, title and description", async () => {
		const key = await send(list());
		expect((await tap({ key, rowId: 'slot_8' })).data).toEqual({ delivered: true });
		const inbound = receivedInbound(key);
		expect(inbound.type).toBe('interactive');
		expect(inbound.interactive).toEqual({
			type: 'list_reply',
			list_reply: { id: 'slot_8', title: '8:00 to 10:00', description: 'Earliest' },
		});
		expect(sandbox.messages[0].replies).toEqual([
			expect.objectContaining({ rowId: 'slot_8', title: '8:00 to 10:00', description: 'Earliest' }),
		]);
	});

	test('a row of a later section without description arrives without one, through tapListRow', async () => {
		const key = await send(list());
		expect(await sandbox.tapListRow(key, 'slot_18')).toBe(true);
		expect(receivedInbound(key).interactive).toEqual({
			type: 'list_reply',
			list_reply: { id: 'slot_18', title: '18:00 to 20:00' },
		});
	});

	test('an unknown row is a 404, and a row id on a reply-button message too', async () => {
		const key = await send(list());
		const unknown = await tap({ key, rowId: 'slot_99' });
		expect(unknown.status).toBe(404);
		expect(unknown.data.message).toContain('no list row with id "slot_99"');
		const buttonKey = await send(quickReply());
		expect((await tap({ key: buttonKey, rowId: 'yes' })).status).toBe(404);
		expect(receiver.received).toHaveLength(0);
	});
});

describe('template quick-reply buttons', () => {
	test('a button tapped by index arrives as type button with its payload, the text defaulting to the payload', async () => {
		const key = await send(template());
		expect((await tap({ key, buttonIndex: 2 })).data).toEqual({ delivered: true });
		const inbound = receivedInbound(key);
		expect(inbound.type).toBe('button');
		expect(inbound.button).toEqual({ payload: 'STOP', text: 'STOP' });
		expect(sandbox.messages[0].replies).toEqual([
			expect.objectContaining({ payload: 'STOP', title: 'STOP' }),
		]);
	});

	test('a button named by payload carries the label given as text, through tapTemplateButton', async () => {
		const key = await send(template());
		const delivered = await sandbox.tapTemplateButton(key, {
			payload: 'KEEP_ME_POSTED',
			text: 'Keep me posted',
		});
		expect(delivered).toBe(true);
		expect(receivedInbound(key).button).toEqual({
			payload: 'KEEP_ME_POSTED',
			text: 'Keep me posted',
		});
	});

	test('a URL button, an unknown payload and a template tap on a list are 404s', async () => {
		const key = await send(template());
		expect((await tap({ key, buttonIndex: 1 })).status).toBe(404);
		expect((await tap({ key, payload: 'NOPE' })).status).toBe(404);
		const listKey = await send(list());
		expect((await tap({ key: listKey, buttonIndex: 0 })).status).toBe(404);
		expect(receiver.received).toHaveLength(0);
	});
});

test('a tap naming nothing to tap is a 400 that lists what it may name', async () => {
	const key = await send(template());
	const response = await tap({ key });
	expect(response.status).toBe(400);
	expect(response.data.message).toBe('a tap needs buttonId, rowId, buttonIndex or payload');
});
