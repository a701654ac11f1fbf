import type { IDataObject } from 'n8n-workflow';

/** Reads one parameter of the item being built, as n8n resolves it for that item. */
export type FieldReader = <T>(name: string, fallback: T) => T;

/**
 * Builds Insider's `message` object (Meta's message object without `messaging_product` and
 * `to`) from one item's parameters, or throws MessageInputError. Pure: no I/O, no n8n context.
 */
export type MessageBuilder = (read: FieldReader) => IDataObject;

/** A parameter value Insider would reject; `field` is the name the user sees in the node. */
export class MessageInputError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field}: ${problem}`);
		this.name = 'MessageInputError';
	}
}
