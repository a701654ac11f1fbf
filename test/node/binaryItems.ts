import type { IBinaryKeyData } from 'n8n-workflow';

/** An item's binary data as n8n's memory mode holds it (base64), in the field `data`. */
export const binaryOf = (bytes: Buffer, mimeType: string, fileName?: string): IBinaryKeyData => ({
	data: { data: bytes.toString('base64'), mimeType, ...(fileName ? { fileName } : {}) },
});

/** `size` bytes starting with `head`. */
export function fileOf(size: number, head = ''): Buffer {
	const bytes = Buffer.alloc(size, 0x61);
	bytes.write(head, 0, 'latin1');
	return bytes;
}
