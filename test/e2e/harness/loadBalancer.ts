/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * A loopback load balancer in front of a queue-mode n8n, routed the way n8n's docs ask of a
 * real one: production webhook routes to the webhook processors (round robin), everything
 * else (editor, REST API, test webhooks) to the main process. It records where each request
 * went, so tests can prove which process served it.
 */
import http from 'http';
import type { AddressInfo, Socket } from 'net';

/**
 * The routes `n8n webhook` serves (n8n/dist/abstract-server.js, with webhooks enabled):
 * production webhooks, waiting-execution resumes, forms and MCP.
 */
const WEBHOOK_PROCESSOR_ROUTES = ['webhook', 'webhook-waiting', 'form', 'form-waiting', 'mcp'];

export interface Upstream {
	name: string;
	url: string;
}

export interface RoutedRequest {
	at: number;
	method: string;
	path: string;
	upstream: string;
	statusCode?: number;
	error?: string;
}

export function servedByWebhookProcessors(pathname: string): boolean {
	const first = pathname.split('/')[1] ?? '';
	return WEBHOOK_PROCESSOR_ROUTES.includes(first);
}

export class LoadBalancer {
	readonly routed: RoutedRequest[] = [];

	main?: Upstream;

	webhookProcessors: Upstream[] = [];

	private next = 0;

	private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

	private readonly sockets = new Set<Socket>();

	private readonly server = http.createServer((request, response) =>
		this.forward(request, response),
	);

	constructor() {
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	get url(): string {
		const address = this.server.address() as AddressInfo | null;
		if (!address) throw new Error('the load balancer is not listening');
		return `http://127.0.0.1:${address.port}`;
	}

	async start(): Promise<this> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(0, '127.0.0.1', () => resolve());
		});
		return this;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		this.agent.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** Requests that went to one upstream, by its name. */
	servedBy(name: string): RoutedRequest[] {
		return this.routed.filter((r) => r.upstream === name);
	}

	private pick(pathname: string): Upstream | undefined {
		if (!servedByWebhookProcessors(pathname)) return this.main;
		if (!this.webhookProcessors.length) return undefined;
		const upstream = this.webhookProcessors[this.next % this.webhookProcessors.length];
		this.next++;
		return upstream;
	}

	private forward(request: http.IncomingMessage, response: http.ServerResponse) {
		const pathname = new URL(request.url ?? '/', 'http://balancer').pathname;
		const upstream = this.pick(pathname);
		const record: RoutedRequest = {
			at: Date.now(),
			method: request.method ?? 'GET',
			path: request.url ?? '/',
			upstream: upstream?.name ?? 'none',
		};
		this.routed.push(record);
		if (!upstream) {
			record.statusCode = 503;
			response.writeHead(503).end('no upstream for this route');
			return;
		}
		const target = new URL(request.url ?? '/', upstream.url);
		const proxied = http.request(
			target,
			{
				method: request.method,
				agent: this.agent,
				headers: {
					...request.headers,
					'x-forwarded-for': request.socket.remoteAddress ?? '',
					'x-forwarded-host': request.headers.host ?? '',
					'x-forwarded-proto': 'http',
				},
			},
			(answer) => {
				record.statusCode = answer.statusCode;
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			},
		);
		proxied.on('error', (error) => {
			record.error = error.message;
			if (!response.headersSent) {
				record.statusCode = 502;
				response.writeHead(502).end(`upstream ${upstream.name}: ${error.message}`);
			} else response.destroy();
		});
		request.pipe(proxied);
	}
}
