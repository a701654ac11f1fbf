import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { SENDING_DEFAULTS } from '../../constants';
import type { MessageBuilder } from '../../helpers/messages/messageInput';
import type { SendOperation } from '../message/operations';
import { ParameterReader } from '../parameterReader';
import { ITEMS_PER_TURN, requestSettingsOf, yieldOrStop } from '../requestSettings';
import { batchesOf, streamedBatches } from './batching';
import type { SendOptions } from './planMessage';
import { planMessage } from './planMessage';
import type { SendOutcomes } from './outputItems';
import { outputItems } from './outputItems';
import { toValidationError } from './sendErrors';
import { sendMessages } from './sendMessages';
import type { BatchSource, PlannedMessage } from './sendModel';
import type { ItemFile } from './uploadStep';
import { placeholderOf, uploadItemFiles, withFields } from './uploadStep';

function readSettings(parameters: ParameterReader) {
	const options = parameters.get<SendOptions>('options', 0, {});
	return {
		batchSize: Math.max(1, Math.floor(options.batchSize ?? SENDING_DEFAULTS.batchSize)),
		...requestSettingsOf(options),
	};
}

/**
 * The one send pipeline every message operation shares: check items, batch them by endpoint,
 * sender and callback URL, send under the rate limit with safe retries, and give one output
 * item per input item. An operation supplies its message builder, and an upload step when an
 * item may send a file from n8n binary data.
 */
export async function runSendPipeline(
	this: IExecuteFunctions,
	operation: Pick<SendOperation, 'build' | 'upload'>,
): Promise<INodeExecutionData[]> {
	const itemCount = this.getInputData().length;
	const continueOnFail = this.continueOnFail();
	const signal = this.getExecutionCancelSignal?.();
	const parameters = new ParameterReader(this);
	const outcome: SendOutcomes = {
		itemCount,
		invalid: new Map(),
		planned: new Map(),
		results: new Map(),
	};

	/** An invalid item is thrown, or kept as an error item under Continue On Fail. */
	const refuse = (itemIndex: number, error: unknown): undefined => {
		const validationError = toValidationError(this, error, itemIndex);
		if (!continueOnFail) throw validationError;
		outcome.invalid.set(itemIndex, validationError);
		return undefined;
	};

	/** Plans one item, or refuses it. */
	const plan = (itemIndex: number, build: MessageBuilder = operation.build) => {
		try {
			const planned = planMessage(build, parameters, itemIndex);
			outcome.planned.set(itemIndex, planned);
			return planned;
		} catch (error) {
			return refuse(itemIndex, error);
		}
	};

	/**
	 * Plans every item, files included, then uploads each distinct file once: up front even with
	 * Continue On Fail, since no message may leave before its file's ID is known.
	 */
	const planWithFiles = async (upload: NonNullable<SendOperation['upload']>) => {
		const files = new Map<number, ItemFile>();
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			if (itemIndex > 0 && itemIndex % ITEMS_PER_TURN === 0) await yieldOrStop(this, signal);
			const read = <T>(name: string, fallback: T) => parameters.get(name, itemIndex, fallback);
			let file: ItemFile | undefined;
			try {
				file = await upload(this, read, itemIndex);
			} catch (error) {
				refuse(itemIndex, error);
				continue;
			}
			const fields = file?.fields(placeholderOf(itemIndex));
			const planned = plan(itemIndex, fields ? withFields(operation.build, fields) : undefined);
			if (planned && file) files.set(itemIndex, file);
		}
		return await uploadItemFiles(this, files, outcome, settings, continueOnFail);
	};

	const settings = readSettings(parameters);
	let source: BatchSource;
	if (operation.upload) {
		source = batchesOf(await planWithFiles(operation.upload), settings.batchSize);
	} else if (continueOnFail) {
		// An invalid item only becomes an error item, so checking everything first protects
		// nothing: items are evaluated as workers need them, while earlier requests are out.
		let next = 0;
		source = streamedBatches(() => {
			while (next < itemCount) {
				const planned = plan(next++);
				if (planned) return planned;
			}
			return undefined;
		}, settings.batchSize);
	} else {
		// Every item is checked before the first request: one bad row sends nothing.
		const messages: PlannedMessage[] = [];
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			if (itemIndex > 0 && itemIndex % ITEMS_PER_TURN === 0) await yieldOrStop(this, signal);
			messages.push(plan(itemIndex) as PlannedMessage);
		}
		source = batchesOf(messages, settings.batchSize);
	}

	const sent = await sendMessages(this, source, {
		...settings,
		stopAfterFirstFailure: !continueOnFail,
	});
	// Items whose file could not be uploaded already have their result.
	sent.forEach((result, itemIndex) => outcome.results.set(itemIndex, result));
	return outputItems(this.getNode(), outcome, continueOnFail);
}
