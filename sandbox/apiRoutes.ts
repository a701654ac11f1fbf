/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/** Which of Insider's endpoints (or the media download URL) a request is for. */
import type http from 'http';

import type { SendContext } from './insiderApi';
import { handleSend, SEND_ENDPOINTS } from './insiderApi';
import type { MediaContext } from './media/api';
import {
	DOWNLOAD_PATH,
	handleDownload,
	handleMediaInfo,
	handleUpload,
	MEDIA_INFO_PATH,
	UPLOAD_PATH,
} from './media/api';
import type { ReceiptContext } from './receipts';
import { handleReceipt, RECEIPT_PATH } from './receipts';

export type InsiderApiContext = SendContext & MediaContext & ReceiptContext;

/** A path segment as sent; a malformed escape stays as it is and simply matches nothing. */
function segment(match: RegExpExecArray | null): string {
	const raw = match?.[1] ?? '';
	try {
		return decodeURIComponent(raw);
	} catch {
		return raw;
	}
}

/** Handles the request when it is for the API; returns false when it is not. */
export async function routeInsiderApi(
	context: InsiderApiContext,
	url: URL,
	request: http.IncomingMessage,
	response: http.ServerResponse,
): Promise<boolean> {
	const { pathname } = url;
	if (request.method === 'POST') {
		if (SEND_ENDPOINTS.has(pathname)) await handleSend(context, pathname, request, response);
		else if (pathname === UPLOAD_PATH) await handleUpload(context, request, response);
		else if (RECEIPT_PATH.test(pathname)) {
			await handleReceipt(context, segment(RECEIPT_PATH.exec(pathname)), request, response);
		} else return false;
		return true;
	}
	if (request.method !== 'GET') return false;
	if (pathname === DOWNLOAD_PATH) handleDownload(context, url, request, response);
	else if (MEDIA_INFO_PATH.test(pathname)) {
		await handleMediaInfo(context, segment(MEDIA_INFO_PATH.exec(pathname)), request, response);
	} else return false;
	return true;
}
