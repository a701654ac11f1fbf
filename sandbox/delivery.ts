/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
import http from 'http';
import https from 'https';

import { CALLBACK_RETRY_MINUTES } from './options';

export interface DeliveryAttempt {
	target: 'callback' | 'webhook';
	url: string;
	event: string;
	key?: string;
	/** 0 is the first attempt, 1..10 the retries. */
	attempt: number;
	at: string;
	statusCode?: number;
	error?: string;
	/** From sending the request to its answer (or its failure). */
	durationMs?: number;
	payload: unknown;
}

export interface Delivery {
	target: DeliveryAttempt['target'];
	url: string;
	event: string;
	key?: string;
	payload: unknown;
	headers?: Record<string, string>;
}

/**
 * Posts events the way Insider does: a non-2xx answer (or no answer) is retried at 1, 2, 3, 8,
 * 13, 18, 28, 38, 48 and 60 minutes after the first attempt, times `timeScale`. At most
 * `maxInFlight` requests (first attempts and retries alike) are out at once, as from a sender's
 * pool of workers; the others wait their turn.
 */
export class Deliverer {
	readonly attempts: DeliveryAttempt[] = [];

	private readonly timers = new Set<NodeJS.Timeout>();

	private readonly requests = new Set<http.ClientRequest>();

	private stopped = false;

	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(
		public timeScale: number,
		public maxInFlight = Infinity,
	) {}

	/**
	 * Resolves when the event was accepted (2xx) or its last retry failed; `afterFirstAttempt`
	 * hears the first attempt's result, for callers that should not wait out the schedule.
	 */
	deliver(delivery: Delivery, afterFirstAttempt?: (ok: boolean) => void): Promise<boolean> {
		const firstAttemptAt = Date.now();
		return new Promise((resolve) => {
			const attempt = async (number: number) => {
				if (this.stopped) {
					if (number === 0) afterFirstAttempt?.(false);
					return resolve(false);
				}
				const ok = await this.post(delivery, number);
				if (number === 0) afterFirstAttempt?.(ok);
				if (ok || number >= CALLBACK_RETRY_MINUTES.length || this.stopped) return resolve(ok);
				const dueAt = firstAttemptAt + CALLBACK_RETRY_MINUTES[number] * 60_000 * this.timeScale;
				this.later(Math.max(0, dueAt - Date.now()), () => void attempt(number + 1));
			};
			void attempt(0);
		});
	}

	later(delayMs: number, run: () => void): void {
		if (this.stopped) return;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			run();
		}, delayMs);
		this.timers.add(timer);
	}

	stop(): void {
		this.stopped = true;
		// Posts waiting for a place go on to find the deliverer stopped.
		for (const resume of this.waiting.splice(0)) resume();
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const request of this.requests) request.destroy();
		this.requests.clear();
	}

	clear(): void {
		this.attempts.length = 0;
	}

	/** Waits for a free place among the requests in flight, then posts. */
	private async post(delivery: Delivery, attempt: number): Promise<boolean> {
		// A finished post hands its place straight to the next waiting one.
		if (this.inFlight >= this.maxInFlight)
			await new Promise<void>((resume) => this.waiting.push(resume));
		else this.inFlight++;
		try {
			return this.stopped ? false : await this.send(delivery, attempt);
		} finally {
			const next = this.waiting.shift();
			if (next) next();
			else this.inFlight--;
		}
	}

	private send(delivery: Delivery, attempt: number): Promise<boolean> {
		const sentAt = Date.now();
		const record: DeliveryAttempt = {
			target: delivery.target,
			url: delivery.url,
			event: delivery.event,
			key: delivery.key,
			attempt,
			at: new Date().toISOString(),
			payload: delivery.payload,
		};
		this.attempts.push(record);
		const body = JSON.stringify(delivery.payload);
		return new Promise((resolve) => {
			let url: URL;
			try {
				url = new URL(delivery.url);
			} catch {
				record.error = 'invalid URL';
				return resolve(false);
			}
			const client = url.protocol === 'https:' ? https : http;
			const request = client.request(
				url,
				{
					method: 'POST',
					headers: {
						'Content-Type': 'application/json',
						'Content-Length': Buffer.byteLength(body),
						'User-Agent': 'Insider-Sandbox/1.0',
						...delivery.headers,
					},
					timeout: 10_000,
				},
				(response) => {
					response.resume();
					response.on('end', () => {
						this.requests.delete(request);
						record.durationMs = Date.now() - sentAt;
						record.statusCode = response.statusCode;
						const code = response.statusCode ?? 0;
						resolve(code >= 200 && code < 300);
					});
				},
			);
			this.requests.add(request);
			request.on('timeout', () => request.destroy(new Error('timeout')));
			request.on('error', (error) => {
				this.requests.delete(request);
				record.durationMs = Date.now() - sentAt;
				record.error = error.message;
				resolve(false);
			});
			request.end(body);
		});
	}
}
