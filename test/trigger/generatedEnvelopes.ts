/** Envelopes built in code: one of every message kind, and one as large as a busy campaign's. */
import type { ExpectedItem } from './expectedItems';
import { iso, item } from './expectedItems';

/** Two entries holding statuses, a text, a list choice and a template button. */
export function mixedEnvelope() {
	const status = (id: string, status: string, at: number, to: string) => ({
		id,
		status,
		timestamp: String(at),
		recipient_id: to,
	});
	const text = { from: '15550003333', id: 'wamid.3', timestamp: '1750263773', type: 'text' };
	const messages = [
		{ ...text, text: { body: 'Hello there' } },
		{
			from: '15550004444',
			id: 'wamid.4',
			timestamp: '1750263774',
			type: 'interactive',
			interactive: { type: 'list_reply', list_reply: { id: 'row_2', title: 'Tuesday' } },
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
	];
	const statuses = [
		status('wamid.1', 'sent', 1750263771, '15550001111'),
		status('wamid.2', 'read', 1750263772, '15550002222'),
	];
	const later = status('wamid.6', 'delivered', 1750263776, '15550006666');
	const body = {
		object: 'whatsapp_business_account',
		entry: [
			{ id: '1', changes: [{ field: 'messages', value: { statuses, messages } }] },
			{ id: '2', changes: [{ field: 'messages', value: { statuses: [later] } }] },
		],
	};
	const fromStatus = (raw: (typeof statuses)[number]) =>
		item({
			event: raw.status,
			messageId: raw.id,
			phoneNumber: `+${raw.recipient_id}`,
			timestamp: iso(Number(raw.timestamp)),
			raw,
		});
	const fromMessage = (raw: (typeof messages)[number], fields: Partial<ExpectedItem>) =>
		item({
			event: 'reply',
			messageId: raw.id,
			phoneNumber: `+${raw.from}`,
			timestamp: iso(Number(raw.timestamp)),
			messageType: raw.type,
			raw,
			...fields,
		});
	const reply = (type: string, id: string, title: string, contextMessageId: string) => ({
		reply: { type, id, title, contextMessageId },
	});
	return {
		body,
		items: [
			...statuses.map(fromStatus),
			fromMessage(messages[0], { event: 'message', text: 'Hello there' }),
			fromMessage(messages[1], reply('list', 'row_2', 'Tuesday', 'wamid.0')),
			fromMessage(messages[2], reply('templateButton', 'CONFIRM', 'Confirm', 'wamid.00')),
			fromStatus(later),
		],
	};
}

/** One envelope holding `count` statuses, as a busy campaign's callback may. */
export function largeEnvelope(count: number) {
	const words = ['sent', 'delivered', 'read'];
	const statuses = Array.from({ length: count }, (_, i) => ({
		id: `wamid.bulk-${i}`,
		status: words[i % 3],
		timestamp: String(1750263000 + i),
		recipient_id: String(15552000000 + i),
	}));
	const body = {
		object: 'whatsapp_business_account',
		entry: [{ id: '1', changes: [] as object[] }],
	};
	body.entry[0].changes.push({ field: 'messages', value: { key: 'whatsapp-bulk', statuses } });
	const items = statuses.map((raw, i) =>
		item({
			event: words[i % 3],
			key: 'whatsapp-bulk',
			messageId: raw.id,
			phoneNumber: `+${raw.recipient_id}`,
			timestamp: iso(1750263000 + i),
			raw,
		}),
	);
	return { body, items };
}
