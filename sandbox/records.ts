import type { StatusEvent } from './options';

/** What the contact did with a message: tapped a button or list row, or wrote back. */
export interface RecordedReply {
	at: string;
	/** A reply button's id. */
	buttonId?: string;
	/** A list row's id. */
	rowId?: string;
	/** A template quick-reply button's payload. */
	payload?: string;
	/** The label the contact tapped (button or row title, template button text). */
	title?: string;
	description?: string;
	/** A written reply. */
	text?: string;
}

export interface RecordedMessage {
	key: string;
	waMessageId: string;
	endpoint: string;
	/** The API key that sent it, masked to its last 4 characters. */
	apiKey: string;
	from?: string;
	callback?: string;
	phoneNumber: string;
	/** The request's message object, exactly as sent. */
	message: Record<string, unknown>;
	receivedAt: string;
	requestId: string;
	status: 'accepted' | StatusEvent | 'failed';
	replies: RecordedReply[];
}

export interface RecordedRequest {
	id: string;
	endpoint: string;
	at: string;
	apiKey: string;
	userAgent: string;
	statusCode: number;
	messageCount: number;
	/** The request body exactly as it arrived (UTF-8), so tests can compare bytes. */
	body: string;
	fault?: string;
}
