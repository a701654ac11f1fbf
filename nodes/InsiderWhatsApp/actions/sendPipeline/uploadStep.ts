/**
 * Sending a file from n8n binary data (Send Media's Binary File source): the operation's row
 * names the file each item sends; the pipeline checks every item, uploads each distinct file
 * once, then sends by media ID. An item with a file is built as if it sent a media ID, with a
 * placeholder in place of the ID, which the uploaded file's ID then replaces.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isObject } from '../../../shared/jsonValues';
import type { MediaType } from '../../helpers/messages/media';
import type { FieldReader, MessageBuilder } from '../../helpers/messages/messageInput';
import { insiderConnection } from '../../transport/connection';
import { notSentAfterStop } from '../../transport/insiderErrors';
import { requestKit } from '../itemRequests';
import type { BinaryFile } from '../media/binaryFiles';
import { MediaUploads } from '../media/mediaUploads';
import type { RequestSettings } from '../requestSettings';
import type { SendOutcomes } from './outputItems';
import { failureError, toValidationError } from './sendErrors';
import type { PlannedMessage } from './sendModel';

/** The file one item sends, checked against WhatsApp's limits for its kind. */
export interface ItemFile {
	file: BinaryFile;
	kind: MediaType;
	/** The panel's name of the field that names the file, for errors. */
	field: string;
	/** The fields the builder reads instead of the file's: the file as an uploaded media ID. */
	fields: (mediaId: string) => Record<string, unknown>;
}

/** An operation's row step: the file an item sends, or undefined when it sends none. */
export type UploadStep = (
	context: IExecuteFunctions,
	read: FieldReader,
	itemIndex: number,
) => Promise<ItemFile | undefined>;

/** A builder that reads `fields` instead of the item's parameters of those names. */
export function withFields(build: MessageBuilder, fields: Record<string, unknown>): MessageBuilder {
	return (read) =>
		build(<T>(name: string, fallback: T) =>
			Object.prototype.hasOwnProperty.call(fields, name)
				? (fields[name] as T)
				: read(name, fallback),
		);
}

/** `value` with every string equal to `from` replaced by `to` (message objects are small). */
function replaced(value: unknown, from: string, to: string): unknown {
	if (value === from) return to;
	if (Array.isArray(value)) return value.map((element) => replaced(element, from, to));
	if (!isObject(value)) return value;
	return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaced(v, from, to)]));
}

/** A placeholder no parameter can hold by chance: it starts with a NUL character. */
export const placeholderOf = (itemIndex: number) => `\u0000upload-of-item-${itemIndex}`;

/**
 * Uploads the file of every planned item that has one and puts its media ID into the message.
 * An item whose file cannot be uploaded is dropped from `planned` (an error item under Continue
 * On Fail, otherwise the node's error, before any message is sent). Returns what is left to send.
 */
export async function uploadItemFiles(
	context: IExecuteFunctions,
	files: Map<number, ItemFile>,
	outcome: SendOutcomes,
	settings: RequestSettings,
	continueOnFail: boolean,
): Promise<PlannedMessage[]> {
	if (files.size > 0) {
		let stopped = false;
		const kit = requestKit(context, await insiderConnection(context), settings, () => stopped);
		const uploads = new MediaUploads(context, kit);
		for (const [itemIndex, { file, kind, field }] of files) {
			const planned = outcome.planned.get(itemIndex) as PlannedMessage;
			let result;
			try {
				result = await uploads.idOf(file, kind, field);
			} catch (error) {
				// What the file's bytes showed wrong is the item's (MessageInputError); the rest is n8n's.
				const invalid = toValidationError(context, error, itemIndex);
				if (!continueOnFail) throw invalid;
				outcome.planned.delete(itemIndex);
				outcome.invalid.set(itemIndex, invalid);
				continue;
			}
			if (result === undefined) {
				stopped = true;
				if (!continueOnFail)
					throw new NodeOperationError(
						context.getNode(),
						'The execution was stopped before sending',
					);
				outcome.results.set(itemIndex, {
					status: 'notSent',
					failure: notSentAfterStop('The execution was stopped'),
				});
			} else if (result.kind === 'accepted') {
				const { message } = planned.outgoing;
				planned.outgoing.message = replaced(
					message,
					placeholderOf(itemIndex),
					result.value,
				) as IDataObject;
				continue;
			} else {
				if (!continueOnFail) throw failureError(context.getNode(), result.failure, itemIndex);
				outcome.results.set(itemIndex, { status: 'failed', failure: result.failure });
			}
		}
	}
	return [...outcome.planned.entries()]
		.filter(([itemIndex]) => !outcome.results.has(itemIndex))
		.map(([, planned]) => planned);
}
