import type { IDataObject } from 'n8n-workflow';

import { requireHttpUrl, requirePhoneNumber, requireText } from '../../helpers/fieldChecks';
import type { MessageBuilder } from '../../helpers/messages/messageInput';
import type { ParameterReader } from '../parameterReader';
import type { PlannedMessage, SendEndpoint } from './sendModel';

/** The Options collection of a send operation, as n8n resolves it for one item. */
export interface SendOptions {
	api?: SendEndpoint;
	batchSize?: number;
	requestsPerSecond?: number;
	maxRetries?: number;
	from?: string;
	callbackUrl?: string;
	replyTo?: string;
}

const RECIPIENT_EXAMPLE =
	'a valid international number; use E.164: +, country code and number, 8 to 15 digits (for example +905321234567)';
const SENDER_EXAMPLE = 'an E.164 number such as +15550783881';

/**
 * Builds and checks one item's message: the recipient, the operation's own message, then the
 * options. Throws MessageInputError naming the field; nothing is sent for a failing item.
 */
export function planMessage(
	build: MessageBuilder,
	parameters: ParameterReader,
	itemIndex: number,
): PlannedMessage {
	const read = <T>(name: string, fallback: T) => parameters.get(name, itemIndex, fallback);
	const phoneNumber = requirePhoneNumber(
		'Phone Number',
		String(read('phoneNumber', '')),
		RECIPIENT_EXAMPLE,
	);
	let message = build(read);
	const options = read<SendOptions>('options', {});
	if (options.replyTo) {
		// Meta puts the quoted message first; only present when set, so other bodies are unchanged.
		const messageId = requireText('Reply To', options.replyTo).trim();
		message = { context: { message_id: messageId }, ...message } as IDataObject;
	}
	const planned: PlannedMessage = {
		itemIndex,
		outgoing: { phoneNumber, message },
		endpoint: options.api === 'transactional' ? 'transactional' : 'conversational',
	};
	if (options.from)
		planned.from = requirePhoneNumber('Sender Number', options.from, SENDER_EXAMPLE);
	if (options.callbackUrl) {
		planned.callbackUrl = requireHttpUrl('Status Callback URL', options.callbackUrl);
	}
	return planned;
}
