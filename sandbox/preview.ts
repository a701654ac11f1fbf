/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
import fs from 'fs';
import type http from 'http';
import path from 'path';

const PUBLIC = path.join(__dirname, 'public');

/** The phone preview's files; a fixed list, so no request path ever reaches the file system. */
const FILES: Record<string, { file: string; type: string }> = {
	'/': { file: 'index.html', type: 'text/html; charset=utf-8' },
	'/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
	'/preview.css': { file: 'preview.css', type: 'text/css; charset=utf-8' },
	'/contact.css': { file: 'contact.css', type: 'text/css; charset=utf-8' },
	'/bubbles.js': { file: 'bubbles.js', type: 'text/javascript; charset=utf-8' },
	'/contact.js': { file: 'contact.js', type: 'text/javascript; charset=utf-8' },
};

/** Serves one preview file; returns false when the path is not one of them. */
export function servePreview(pathname: string, response: http.ServerResponse): boolean {
	const entry = FILES[pathname];
	if (!entry) return false;
	response.writeHead(200, { 'Content-Type': entry.type });
	response.end(fs.readFileSync(path.join(PUBLIC, entry.file)));
	return true;
}
