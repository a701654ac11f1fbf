/**
 * The uploads of one node run: each distinct file is uploaded once, however many items send or
 * upload it (a campaign of 1,000 contacts with one PDF makes one upload request). Files are
 * known as the same by their n8n identity without reading them, or else by a SHA-256 of their
 * bytes. Uploads go one at a time: a file is held in memory while it uploads (its bytes and the
 * multipart body around them), so one at a time bounds that to twice the largest file.
 */
import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

import { checkFileBytes, checkMediaFile, fileNameFor } from '../../helpers/mediaFiles';
import type { MediaType } from '../../helpers/messages/media';
import type { SettledApiOutcome } from '../../transport/apiRequest';
import { uploadMedia } from '../../transport/mediaApi';
import type { ItemRequestKit } from '../itemRequests';
import type { BinaryFile } from './binaryFiles';

/** Insider's media id, a failure, or undefined when the run stopped before the upload. */
export type UploadResult = SettledApiOutcome<string> | undefined;

export class MediaUploads {
	private readonly byId = new Map<string, Promise<UploadResult>>();

	/** In n8n's memory mode the base64 text is the key: items that share it share the upload. */
	private readonly byData = new Map<string, Promise<UploadResult>>();

	private readonly byHash = new Map<string, Promise<UploadResult>>();

	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly kit: ItemRequestKit,
	) {}

	/**
	 * Insider's id for `file`, checked as a `kind` first (its exact size, and what only its bytes
	 * tell). Throws MessageInputError naming `field` when WhatsApp would refuse the file; every
	 * item with the same file gets the same answer.
	 */
	async idOf(file: BinaryFile, kind: MediaType, field: string): Promise<UploadResult> {
		const [known, key] =
			'id' in file.identity ? [this.byId, file.identity.id] : [this.byData, file.identity.data];
		let upload = known.get(key);
		if (!upload) {
			upload = this.oneAtATime(async () => await this.checkAndUpload(file, kind, field));
			known.set(key, upload);
		}
		return await upload;
	}

	private async oneAtATime<T>(task: () => Promise<T>): Promise<T> {
		const run = this.queue.then(task, task);
		this.queue = run.catch(() => undefined);
		return await run;
	}

	private async checkAndUpload(file: BinaryFile, kind: MediaType, field: string) {
		const bytes = await file.read();
		// The size n8n recorded may differ from the bytes (a file edited in place): check both.
		checkMediaFile(field, { ...file, size: bytes.length }, kind);
		checkFileBytes(field, kind, file, bytes);
		const hash = createHash('sha256').update(bytes).update(`\n${file.mimeType}`).digest('hex');
		const same = this.byHash.get(hash);
		if (same) return await same;
		const { context, kit } = this;
		const upload = kit.withRetries(
			async () =>
				await uploadMedia(context, kit.connection.baseUrl, {
					bytes,
					mimeType: file.mimeType,
					fileName: file.fileName ?? fileNameFor('file', file.mimeType),
				}),
		);
		this.byHash.set(hash, upload);
		return await upload;
	}
}
