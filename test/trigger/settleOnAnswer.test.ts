/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * When the trigger learns n8n's answer to a webhook request, over a real loopback HTTP
 * connection: the answer that ends the response decides, also when the caller hung up before
 * it (Insider's timed-out attempt); no answer within the limit counts as a refusal.
 */
import http from 'http';
import type { AddressInfo } from 'net';

import { settleWhenAnswered } from '../../nodes/InsiderWhatsAppTrigger/settleOnAnswer';
import { waitFor } from '../support/http';

/** One request to a server that answers `status` after `answerAfterMs` (never when undefined). */
async function settledFor(options: {
	status: number;
	answerAfterMs?: number;
	callerHangsUpAfterMs?: number;
	limitMs?: number;
	/** When the node starts watching the response (default at once). */
	watchAfterMs?: number;
}): Promise<boolean> {
	const outcome: boolean[] = [];
	const server = http.createServer((_request, response) => {
		const watch = () =>
			settleWhenAnswered(response, (accepted) => outcome.push(accepted), options.limitMs);
		if (options.watchAfterMs === undefined) watch();
		else setTimeout(watch, options.watchAfterMs);
		if (options.answerAfterMs === undefined) return;
		setTimeout(() => {
			response.statusCode = options.status;
			response.end('{}');
		}, options.answerAfterMs);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const request = http.request({ port, host: '127.0.0.1', method: 'POST' });
	request.on('error', () => undefined);
	request.end('{}');
	if (options.callerHangsUpAfterMs !== undefined) {
		setTimeout(() => request.destroy(), options.callerHangsUpAfterMs);
	}
	try {
		await waitFor(() => outcome.length > 0, 10_000, 'the settlement');
		return outcome[0];
	} finally {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
}

test('a 2xx answer accepts the events', async () => {
	expect(await settledFor({ status: 200, answerAfterMs: 0 })).toBe(true);
});

test('n8n answering 500 (it could not store the execution) refuses them', async () => {
	expect(await settledFor({ status: 500, answerAfterMs: 0 })).toBe(false);
});

test('after the caller hung up, the answer n8n writes later still decides', async () => {
	expect(await settledFor({ status: 500, answerAfterMs: 300, callerHangsUpAfterMs: 50 })).toBe(
		false,
	);
	expect(await settledFor({ status: 200, answerAfterMs: 300, callerHangsUpAfterMs: 50 })).toBe(
		true,
	);
});

test('no answer within the limit after the caller hung up counts as a refusal', async () => {
	expect(await settledFor({ status: 200, callerHangsUpAfterMs: 50, limitMs: 400 })).toBe(false);
});

test('a request whose caller hung up before the node ran is still settled by the answer n8n writes later', async () => {
	expect(
		await settledFor({
			status: 200,
			answerAfterMs: 300,
			callerHangsUpAfterMs: 50,
			watchAfterMs: 150,
		}),
	).toBe(true);
	expect(
		await settledFor({
			status: 500,
			answerAfterMs: 300,
			callerHangsUpAfterMs: 50,
			watchAfterMs: 150,
		}),
	).toBe(false);
});
