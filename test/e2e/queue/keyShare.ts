/**
 * What the sandbox saw while campaigns shared one API key: requests and 429s over time, each
 * campaign's share of what Insider accepted while they overlapped, and the wall time against
 * the ideal at the key's limit. Campaigns are told apart by their phone prefix (campaignRuns.ts).
 */
import type { RecordedRequest } from '../../../sandbox/records';

/** Messages per second a key allows at Insider's 10 requests per second and 50 per request. */
export const IDEAL_MESSAGES_PER_SECOND = 500;

/** The share of refused requests the issue sets as the goal once the campaigns have settled. */
const SETTLED_429_SHARE = 0.05;

export interface CampaignShare {
	prefix: number;
	firstRequestAt: number;
	lastAcceptedAt: number;
	messages: number;
	refused: number;
	/** Share of the messages Insider accepted while every campaign was sending. */
	overlapShare: number;
}

export interface KeyShareReport {
	requests: number;
	refused: number;
	/** First request to last accepted answer, any campaign. */
	sendingSeconds: number;
	idealSeconds: number;
	/** Refused requests among those that arrived 10 s or more after the first. */
	refusedAfter10s: { refused: number; requests: number };
	/** Seconds after the last campaign's first request from which 429s stay under 5%. */
	settledAfterSeconds: number;
	campaigns: CampaignShare[];
	/** Accepted/refused requests per second since the first request. */
	timeline: string;
}

const prefixOf = (request: RecordedRequest): number => {
	const body = JSON.parse(request.body) as { messages?: Array<{ phoneNumber?: string }> };
	const phone = String(body.messages?.[0]?.phoneNumber ?? '');
	return Math.floor(Number(phone.replace('+1555', '')) / 1_000_000);
};

const refusedShare = (requests: Array<{ refused: boolean }>) =>
	requests.filter((r) => r.refused).length / Math.max(1, requests.length);

export function keyShare(requests: RecordedRequest[], prefixes: number[]): KeyShareReport {
	const seen = requests
		.filter((r) => r.statusCode === 200 || r.statusCode === 429)
		.map((r) => ({
			at: Date.parse(r.at),
			prefix: prefixOf(r),
			refused: r.statusCode === 429,
			messages: r.statusCode === 200 ? r.messageCount : 0,
		}));
	const first = Math.min(...seen.map((r) => r.at));
	const accepted = seen.filter((r) => !r.refused);
	const last = Math.max(...accepted.map((r) => r.at));
	const campaigns = prefixes.map((prefix) => {
		const own = seen.filter((r) => r.prefix === prefix);
		return {
			prefix,
			firstRequestAt: Math.min(...own.map((r) => r.at)),
			lastAcceptedAt: Math.max(...own.filter((r) => !r.refused).map((r) => r.at)),
			messages: own.reduce((sum, r) => sum + r.messages, 0),
			refused: own.filter((r) => r.refused).length,
			overlapShare: 0,
		};
	});
	const overlapFrom = Math.max(...campaigns.map((c) => c.firstRequestAt));
	const overlapTo = Math.min(...campaigns.map((c) => c.lastAcceptedAt));
	const inOverlap = accepted.filter((r) => r.at >= overlapFrom && r.at <= overlapTo);
	const overlapMessages = inOverlap.reduce((sum, r) => sum + r.messages, 0);
	for (const campaign of campaigns) {
		const own = inOverlap.filter((r) => r.prefix === campaign.prefix);
		campaign.overlapShare = own.reduce((sum, r) => sum + r.messages, 0) / overlapMessages;
	}
	const after10s = seen.filter((r) => r.at - first >= 10_000);
	let settledAfterSeconds = 0;
	while (
		refusedShare(seen.filter((r) => r.at >= overlapFrom + settledAfterSeconds * 1000)) >=
		SETTLED_429_SHARE
	)
		settledAfterSeconds++;
	const seconds = Math.ceil((last - first) / 1000) + 1;
	const timeline = Array.from({ length: seconds }, (_, s) => {
		const inSecond = seen.filter((r) => Math.floor((r.at - first) / 1000) === s);
		return `${inSecond.filter((r) => !r.refused).length}/${inSecond.filter((r) => r.refused).length}`;
	}).join(' ');
	const totalMessages = campaigns.reduce((sum, c) => sum + c.messages, 0);
	return {
		requests: seen.length,
		refused: seen.filter((r) => r.refused).length,
		sendingSeconds: (last - first) / 1000,
		idealSeconds: totalMessages / IDEAL_MESSAGES_PER_SECOND,
		refusedAfter10s: {
			refused: after10s.filter((r) => r.refused).length,
			requests: after10s.length,
		},
		settledAfterSeconds,
		campaigns,
		timeline,
	};
}

/** One line for the test report. */
export function describeKeyShare(report: KeyShareReport, endToEndSeconds: number): string {
	const first = Math.min(...report.campaigns.map((c) => c.firstRequestAt));
	const percent = (part: number, whole: number) =>
		`${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;
	const campaigns = report.campaigns
		.map(
			(c) =>
				`campaign ${c.prefix}: ${c.messages} messages, ${c.refused} refused, sending ${((c.firstRequestAt - first) / 1000).toFixed(1)}-${((c.lastAcceptedAt - first) / 1000).toFixed(1)} s, ${(100 * c.overlapShare).toFixed(0)}% of the overlap`,
		)
		.join('; ');
	return (
		`${report.requests} requests, ${report.refused} answered 429 (${percent(report.refused, report.requests)}); ` +
		`sending ${report.sendingSeconds.toFixed(1)} s against the ideal ${report.idealSeconds.toFixed(1)} s (${percent(report.sendingSeconds - report.idealSeconds, report.idealSeconds)} over), end to end ${endToEndSeconds.toFixed(1)} s; ` +
		`429s after the first 10 s: ${report.refusedAfter10s.refused} of ${report.refusedAfter10s.requests} (${percent(report.refusedAfter10s.refused, report.refusedAfter10s.requests)}); ` +
		`under 5% of 429s from ${report.settledAfterSeconds} s after the last campaign joined; ${campaigns}; ` +
		`accepted/429 per second: ${report.timeline}`
	);
}
