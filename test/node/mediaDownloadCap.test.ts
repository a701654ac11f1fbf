/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * Max File Size held by the bytes a download receives, not by its Content-Length: files served
 * chunked (no Content-Length) by the sandbox, and a hostile server that never stops sending.
 */
import http from 'http';
import type { AddressInfo } from 'net';

import { TEST_KEY } from '../support/sandbox';
import { binaryOf, fileOf } from './binaryItems';
import { mediaWorld } from './mediaWorld';

const KB = 1024;
const LIMIT_MB = 0.125;
const LIMIT_BYTES = 128 * KB;
const world = mediaWorld();
const { media } = world;

/** Uploads `file` to the sandbox and returns its media id. */
async function uploaded(file: Buffer) {
	const result = await media('upload', [{}], {}, { binaries: [binaryOf(file, 'application/pdf')] });
	expect(result.error).toBeUndefined();
	return String(result.items[0].json.id);
}

/** The sandbox's download URL for `mediaId`, and the answer's headers there. */
async function downloadHeaders(mediaId: string) {
	const info = await fetch(`${world.sandbox.url}/v1/media/${mediaId}`, {
		headers: { 'X-INS-AUTH-KEY': TEST_KEY },
	});
	const { url } = (await info.json()) as { url: string };
	const file = await fetch(url, { headers: { 'X-INS-AUTH-KEY': TEST_KEY } });
	await file.arrayBuffer();
	return file.headers;
}

describe('Download without a Content-Length', () => {
	beforeEach(() => world.sandbox.configure({ chunkedDownloads: true }));

	test('the sandbox serves the file chunked, with no Content-Length', async () => {
		const headers = await downloadHeaders(await uploaded(fileOf(40 * KB, '%PDF-1.7')));
		expect(headers.get('content-length')).toBeNull();
		expect(headers.get('transfer-encoding')).toBe('chunked');
	});

	test('a file larger than Max File Size is refused once its bytes pass it', async () => {
		const mediaId = await uploaded(fileOf(300 * KB, '%PDF-1.7'));
		const result = await media('download', [{}], {
			mediaId,
			options: { maxFileSizeMb: LIMIT_MB },
		});
		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe(
			`The file is more than Max File Size (${LIMIT_BYTES} bytes)`,
		);
		expect(result.error?.description).toMatch(/^Nothing was kept\. Raise Max File Size/);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(world.sandbox.downloads.map((d) => d.statusCode)).toEqual([200]);
	});

	test('with Continue On Fail the refused file is one error item, the next file downloads', async () => {
		const large = await uploaded(fileOf(LIMIT_BYTES + 1, '%PDF-1.7'));
		const small = fileOf(LIMIT_BYTES - 1, '%PDF-1.7');
		const result = await media(
			'download',
			[{ id: large }, { id: await uploaded(small) }],
			{ mediaId: '={{ $json.id }}', options: { maxFileSizeMb: LIMIT_MB } },
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json).toMatchObject({
			error: `The file is more than Max File Size (${LIMIT_BYTES} bytes)`,
			errorDescription: expect.stringMatching(/^Nothing was kept/),
		});
		expect(result.items[0].binary).toBeUndefined();
		const bytes = Buffer.from(result.items[1].binary?.data.data as string, 'base64');
		expect(bytes.equals(small)).toBe(true);
	});

	test('a file of exactly Max File Size arrives with identical bytes', async () => {
		const pdf = fileOf(LIMIT_BYTES, '%PDF-1.7');
		const result = await media('download', [{}], {
			mediaId: await uploaded(pdf),
			options: { maxFileSizeMb: LIMIT_MB },
		});
		expect(result.error).toBeUndefined();
		const bytes = Buffer.from(result.items[0].binary?.data.data as string, 'base64');
		expect(bytes.equals(pdf)).toBe(true);
	});
});

describe('Download from a server that never stops sending', () => {
	/** An "Insider" whose download streams zeros, chunked, until the client hangs up. */
	async function endlessInsider() {
		let hangUp = () => {};
		const hungUp = new Promise<boolean>((resolve) => (hangUp = () => resolve(true)));
		const server = http.createServer((request, response) => {
			const port = (server.address() as AddressInfo).port;
			if (request.url === '/v1/media/42') {
				response.writeHead(200, { 'Content-Type': 'application/json' });
				return void response.end(
					JSON.stringify({
						url: `http://127.0.0.1:${port}/file`,
						mime_type: 'video/mp4',
						id: '42',
					}),
				);
			}
			response.writeHead(200, { 'Content-Type': 'video/mp4' });
			const chunk = Buffer.alloc(64 * KB);
			const send = () => {
				while (!response.destroyed && response.write(chunk));
			};
			response.on('drain', send);
			response.on('close', hangUp);
			send();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return { server, hungUp, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
	}

	test('the download stops at Max File Size with the error, and the connection is closed', async () => {
		const insider = await endlessInsider();
		try {
			const result = await media(
				'download',
				[{ media: { id: '42' } }],
				{ options: { maxFileSizeMb: 1 } },
				{ baseUrl: insider.url },
			);
			expect(result.error?.message).toBe(
				`The file is more than Max File Size (${1024 * KB} bytes)`,
			);
			await expect(insider.hungUp).resolves.toBe(true);
		} finally {
			insider.server.closeAllConnections();
			await new Promise((resolve) => insider.server.close(resolve));
		}
	});
});
