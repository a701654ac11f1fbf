/**
 * Sections 6 and 7, media:
 *   6. fan-out: one file posted to n8n as binary data, sent with Send Media's Binary File source
 *      to N contacts at the node's defaults (50 messages per request, 10 requests per second: 500
 *      messages per second). Counts the upload requests (one is right), times the run against
 *      what the limit allows;
 *   7. download: Media > Download of one large file into n8n's binary data.
 * Both sample the peak RSS of n8n's process group above what it was just before the run.
 */
import type { InsiderSandbox } from '../../sandbox/server';

import type { BenchOptions } from './options';
import type { PostOptions, Report, Target } from './measure';
import { fmt, measuredPost, stats } from './measure';

/** Where the workflow listens; the file is the body, the contact count a query parameter. */
export const MEDIA_FAN_OUT_PATH = 'mediaFanOut';

/** Where the download workflow listens: `{"mediaId"}` in, nothing out. */
export const MEDIA_DOWNLOAD_PATH = 'mediaDownload';

/** The node's defaults: 50 messages per request at 10 requests per second. */
const LIMIT_PER_SECOND = 500;

/** A PDF-looking file of `megabytes` MB (1 MB = 1,048,576 bytes). */
function pdfOf(megabytes: number): Buffer {
	const bytes = Buffer.alloc(Math.round(megabytes * 1024 * 1024), 0x61);
	bytes.write('%PDF-1.7\n', 0, 'latin1');
	return bytes;
}

interface FanOutRun {
	seconds: number;
	firstSendSeconds: number;
	uploads: number;
	sends: number;
	tooMany: number;
	lost: number;
	duplicated: number;
	rssGrowth: number;
	peakGrowth: number;
	cpu: number;
}

/** A measured run of a media workflow that must answer 200: time, CPU, RSS growth. */
async function mediaRun(target: Target, path: string, body: unknown, options: PostOptions) {
	const run = await measuredPost(target, path, body, options);
	if (run.status !== 200) throw new Error(`${path}: ${run.status} ${JSON.stringify(run.data)}`);
	return {
		startedAt: run.startedAt,
		seconds: run.seconds,
		cpu: run.cpu,
		rssGrowth: run.peakRss - run.rssBefore,
		peakGrowth: run.kernelPeakRss - run.rssBefore,
	};
}

async function fanOut(target: Target, file: Buffer, count: number) {
	const { sandbox } = target;
	const { startedAt, seconds, rssGrowth, peakGrowth, cpu } = await mediaRun(
		target,
		`${MEDIA_FAN_OUT_PATH}?count=${count}`,
		file,
		{ headers: { 'Content-Type': 'application/pdf' } },
	);
	const sends = sandbox.requests.filter((r) => r.kind === 'send');
	const phones = sandbox.messages.map((m) => m.phoneNumber);
	const distinct = new Set(phones).size;
	return {
		seconds,
		firstSendSeconds: sends.length ? (Date.parse(sends[0].at) - startedAt) / 1000 : seconds,
		uploads: sandbox.requests.filter((r) => r.kind === 'mediaUpload').length,
		sends: sends.filter((r) => r.statusCode === 200).length,
		tooMany: sandbox.requests.filter((r) => r.statusCode === 429).length,
		lost: count - distinct,
		duplicated: phones.length - distinct,
		rssGrowth,
		peakGrowth,
		cpu,
	} satisfies FanOutRun;
}

export async function mediaFanOut(target: Target, options: BenchOptions, report: Report) {
	const { mediaContacts, mediaMegabytes, repetitions } = options.sizes;
	const file = pdfOf(mediaMegabytes);
	target.sandbox.configure({ rateLimitPerSecond: 10 });
	// Warm-up (JIT, the workflow's first execution), not counted.
	await fanOut(target, file, 50);
	const runs: FanOutRun[] = [];
	for (let i = 0; i < repetitions; i++) runs.push(await fanOut(target, file, mediaContacts));
	const floor = mediaContacts / LIMIT_PER_SECOND;
	report.say(
		`\n6. Media fan-out: one ${mediaMegabytes} MB PDF from binary data to ${mediaContacts} contacts, Send Media at its defaults (limit ${LIMIT_PER_SECOND} msg/s: at least ${floor.toFixed(1)} s of sending), sandbox limited to 10 requests/second`,
	);
	report.say(
		'| upload requests | send requests | wall s | first send after s | msg/s | share of limit | n8n CPU s | n8n peak RSS growth MiB, sampled / kernel peak | 429s seen | lost | duplicated |',
	);
	report.say('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	const rate = stats(runs.map((r) => mediaContacts / r.seconds));
	const list = (pick: (r: FanOutRun) => number) => runs.map(pick).join('/');
	report.say(
		`| ${list((r) => r.uploads)} | ${list((r) => r.sends)} | ${fmt(stats(runs.map((r) => r.seconds)))} | ${fmt(stats(runs.map((r) => r.firstSendSeconds)), 2)} | ${fmt(rate, 0)} | ${((rate.median / LIMIT_PER_SECOND) * 100).toFixed(0)}% | ${fmt(stats(runs.map((r) => r.cpu)), 2)} | ${fmt(stats(runs.map((r) => r.rssGrowth)), 0)} / ${fmt(stats(runs.map((r) => r.peakGrowth)), 0)} | ${list((r) => r.tooMany)} | ${list((r) => r.lost)} | ${list((r) => r.duplicated)} |`,
	);
}

/** Stores a file in the sandbox through its upload endpoint; returns its media id. */
async function uploadToSandbox(sandbox: InsiderSandbox, apiKey: string, file: Buffer) {
	const form = new FormData();
	form.append('messaging_product', 'whatsapp');
	form.append('type', 'application/pdf');
	form.append('file', new Blob([file], { type: 'application/pdf' }), 'large.pdf');
	const response = await fetch(`${sandbox.url}/v1/media/upload`, {
		method: 'POST',
		headers: { 'X-INS-AUTH-KEY': apiKey, 'User-Agent': 'n8n-bench' },
		body: form,
	});
	const answer = (await response.json()) as { id?: string };
	if (!answer.id) throw new Error(`sandbox upload: ${response.status} ${JSON.stringify(answer)}`);
	return answer.id;
}

export async function mediaDownload(
	target: Target,
	options: BenchOptions,
	report: Report,
	apiKey: string,
) {
	const { downloadMegabytes, repetitions } = options.sizes;
	target.sandbox.reset();
	target.sandbox.configure({ rateLimitPerSecond: 10 });
	const mediaId = await uploadToSandbox(target.sandbox, apiKey, pdfOf(downloadMegabytes));
	const body = JSON.stringify({ mediaId });
	const post = { headers: { 'Content-Type': 'application/json' }, keepSandbox: true };
	// Warm-up, not counted.
	await mediaRun(target, MEDIA_DOWNLOAD_PATH, body, post);
	const runs = [];
	for (let i = 0; i < repetitions; i++)
		runs.push(await mediaRun(target, MEDIA_DOWNLOAD_PATH, body, post));
	report.say(
		`\n7. Media download: Media > Download of one ${downloadMegabytes} MB file into n8n's binary data (n8n 2.x's default filesystem mode)`,
	);
	report.say('| wall s | MB/s | n8n CPU s | n8n peak RSS growth MiB, sampled / kernel peak |');
	report.say('| --- | --- | --- | --- |');
	report.say(
		`| ${fmt(stats(runs.map((r) => r.seconds)), 2)} | ${fmt(stats(runs.map((r) => downloadMegabytes / r.seconds)), 0)} | ${fmt(stats(runs.map((r) => r.cpu)), 2)} | ${fmt(stats(runs.map((r) => r.rssGrowth)), 0)} / ${fmt(stats(runs.map((r) => r.peakGrowth)), 0)} |`,
	);
}
