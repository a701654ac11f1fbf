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
	/** The id of the inbound message the contact's answer went out as. */
	waMessageId?: string;
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

/** Which of Insider's endpoints a request went to. */
export type RequestKind = 'send' | 'read' | 'mediaUpload' | 'mediaInfo';

export interface RecordedRequest {
	id: string;
	kind: RequestKind;
	endpoint: string;
	at: string;
	apiKey: string;
	userAgent: string;
	statusCode: number;
	messageCount: number;
	/** The request body exactly as it arrived (UTF-8), so tests can compare bytes; empty for uploads. */
	body: string;
	fault?: string;
}

/** A message the contact sent to the business: written, tapped, or media. */
export interface RecordedInbound {
	waMessageId: string;
	phoneNumber: string;
	at: string;
	/** Meta's inbound message fields as posted to the webhook (type, its object, context). */
	message: Record<string, unknown>;
	/** The business message it answers, if any. */
	answersKey?: string;
	/** The contact's ticks: read once the business marked it read. */
	status: 'delivered' | 'read';
	readAt?: string;
}

/** A mark-as-read request the sandbox accepted, with or without a typing indicator. */
export interface RecordedReceipt {
	at: string;
	requestId: string;
	messageId: string;
	phoneNumber: string;
	typing: boolean;
	/** The API key that sent it, masked to its last 4 characters. */
	apiKey: string;
}

/** A media download: which host it reached and whether it carried the Insider key. */
export interface RecordedDownload {
	at: string;
	mediaId: string;
	host: string;
	carriedApiKey: boolean;
	statusCode: number;
}
