/**
 * A multipart/form-data body (RFC 7578) built without dependencies: text fields, then one file.
 * The file's bytes are copied once, into the body; nothing else is buffered.
 */
import { randomBytes } from 'crypto';

export interface MultipartFile {
	name: string;
	fileName: string;
	contentType: string;
	bytes: Buffer;
}

export interface MultipartBody {
	/** The Content-Type header, with the boundary. */
	contentType: string;
	body: Buffer;
}

/** How many fresh boundaries are tried before giving up on a file that contains each of them. */
const BOUNDARY_TRIES = 8;

/**
 * A quoted header parameter as browsers send it: `"`, CR and LF percent-encoded, so a file
 * name can neither end the parameter nor start a header of its own.
 */
const quoted = (value: string) =>
	`"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;

/** A boundary that occurs nowhere in the file (128 random bits: checked anyway). */
function boundaryFor(bytes: Buffer): string {
	for (let tries = 0; tries < BOUNDARY_TRIES; tries++) {
		const boundary = `n8nInsiderWhatsApp${randomBytes(16).toString('hex')}`;
		if (bytes.indexOf(boundary, 0, 'latin1') < 0) return boundary;
	}
	throw new Error('could not find a multipart boundary that is not inside the file');
}

export function multipartBody(fields: Array<[string, string]>, file: MultipartFile): MultipartBody {
	const boundary = boundaryFor(file.bytes);
	const head = [
		...fields.map(
			([name, value]) =>
				`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`,
		),
		`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.name)}; filename=${quoted(file.fileName)}\r\nContent-Type: ${file.contentType.replace(/[\r\n]/g, ' ')}\r\n\r\n`,
	].join('');
	const tail = `\r\n--${boundary}--\r\n`;
	return {
		contentType: `multipart/form-data; boundary=${boundary}`,
		body: Buffer.concat([Buffer.from(head, 'utf8'), file.bytes, Buffer.from(tail, 'utf8')]),
	};
}
