/**
 * Max File Size held by the bytes a download actually receives, whatever its Content-Length said
 * (or whether it sent one: a chunked answer has none), so a hostile or broken server cannot
 * stream an unlimited file into n8n's binary data store.
 */

/** The refusal of a file larger than Max File Size; `size` when the server announced it. */
export function fileTooLarge(maxBytes: number, size?: number) {
	return {
		message:
			size === undefined
				? `The file is more than Max File Size (${maxBytes} bytes)`
				: `The file is ${size} bytes, more than Max File Size (${maxBytes} bytes)`,
		description:
			'Nothing was kept. Raise Max File Size in the options if n8n should take files this large.',
	};
}

/** What a capped download's stream is destroyed with once it passes Max File Size. */
export class FileTooLargeError extends Error {
	constructor(readonly maxBytes: number) {
		super(fileTooLarge(maxBytes).message);
		this.name = 'FileTooLargeError';
	}
}

/** The parts of a Readable the cap uses (node code may not import `stream`). */
interface ReceivingStream {
	push(chunk: unknown, encoding?: unknown): boolean;
	readonly readableLength: number;
	readonly destroyed: boolean;
	destroy(error?: Error): unknown;
	listenerCount(event: string): number;
	once(event: string, listener: () => void): unknown;
}

const isReceivingStream = (body: unknown): body is ReceivingStream =>
	typeof (body as ReceivingStream | undefined)?.push === 'function' &&
	typeof (body as ReceivingStream).destroy === 'function';

const byteLength = (chunk: unknown) => (chunk as { length?: number } | null)?.length ?? 0;

/**
 * Counts the bytes `body` receives and destroys it with a FileTooLargeError once more than
 * `maxBytes` have arrived; false (and nothing installed) when more than that is already buffered.
 *
 * The count sits in the instance's `push`, which the source calls for every chunk as it arrives,
 * before any reader sees it: it holds whether n8n reads with a 'data' listener (memory mode) or
 * by async iteration (filesystem mode, which first awaits a mkdir), and however long n8n takes
 * to start reading. A 'data' listener of ours would start the flow before n8n listens (its
 * chunks lost), `pause()` would keep n8n's later 'data' listener from ever flowing, and wrapping
 * `emit('data')` would count only what is read, not what piles up in the buffer.
 */
export function capDownload(body: unknown, maxBytes: number): boolean {
	if (!isReceivingStream(body)) return byteLength(body) <= maxBytes;
	const stream = body;
	// What arrived with the headers, before this ran.
	let received = stream.readableLength;
	if (received > maxBytes) return false;
	const push = stream.push;
	stream.push = function (this: ReceivingStream, chunk: unknown, encoding?: unknown) {
		received += byteLength(chunk);
		if (received <= maxBytes) return push.call(this, chunk, encoding);
		if (!stream.destroyed) {
			// If n8n does not read yet (filesystem mode awaits a mkdir first), an 'error' nobody
			// listens to would be thrown out of n8n's process; the async iteration that starts later
			// still finds the stream errored. Memory mode listens before any further chunk arrives.
			if (stream.listenerCount('error') === 0) stream.once('error', () => undefined);
			stream.destroy(new FileTooLargeError(maxBytes));
		}
		return false;
	};
	return true;
}
