/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * `npm run bench -- [options]`:
 *   --only LIST               variants to run (ours, oursContinueOnFail, httpPerMessage,
 *                             codeBatches, triggerOurs, triggerWebhook, drain, scale,
 *                             mediaFanOut, mediaDownload); all by default
 *   --contacts 5000           contacts per run in section 1
 *   --overhead-contacts 10000 contacts per run in section 2
 *   --callbacks 2000          callbacks per run in section 3
 *   --repetitions 3           runs per figure in sections 1 to 4
 *   --drain-contacts 120,500  campaign sizes of section 4
 *   --drain-time-scale 0.1    the sandbox's retry schedule in section 4 (the e2e tests' scale)
 *   --scale-contacts 1000,10000,100000 and --scale-repetitions 1: section 5
 *   --media-contacts 1000 and --media-mb 5: section 6, one file from binary data to N contacts
 *   --download-mb 100         section 7, the file Media > Download fetches
 *   --conversation-contacts 20, --conversation-rounds 5, --model-delay-ms 1000 and
 *   --conversation-rps 10 (the key's limit and the nodes' Requests Per Second): section 8
 *   --expression-engine legacy  n8n with N8N_EXPRESSION_ENGINE=legacy instead of its default
 *   --cpu-profile DIR         V8 CPU profiles of n8n's processes, written into DIR when n8n stops
 *   --baseline REV            only the before/after comparison: rows (a) and (a') of section 1
 *                             for the package built from git revision REV and for this working
 *                             tree, in one run, interleaved
 */
import { parseArgs } from 'util';

import { E2E_TIME_SCALE } from '../../dev/callbackTime';

export const VARIANTS = [
	'ours',
	'oursContinueOnFail',
	'httpPerMessage',
	'codeBatches',
	'triggerOurs',
	'triggerWebhook',
	'drain',
	'scale',
	'mediaFanOut',
	'mediaDownload',
	'conversation',
] as const;

export type Variant = (typeof VARIANTS)[number];

export interface BenchOptions {
	wanted: (variant: Variant) => boolean;
	expressionEngine?: string;
	cpuProfileDir?: string;
	baseline?: string;
	sizes: {
		contacts: number;
		overheadContacts: number;
		callbacks: number;
		repetitions: number;
		drainContacts: number[];
		drainTimeScale: number;
		scaleContacts: number[];
		scaleRepetitions: number;
		mediaContacts: number;
		mediaMegabytes: number;
		downloadMegabytes: number;
		conversationContacts: number;
		conversationRounds: number;
		modelDelayMs: number;
		conversationRps: number;
	};
}

function positiveNumber(name: string, text: string): number {
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value) || value <= 0)
		throw new Error(`--${name} needs a number above 0, got "${text}"`);
	return value;
}

const numberList = (name: string, text: string) =>
	text.split(',').map((entry) => positiveNumber(name, entry));

export function readOptions(args = process.argv.slice(2)): BenchOptions {
	const text = { type: 'string' } as const;
	const { values } = parseArgs({
		args,
		options: {
			only: text,
			contacts: { ...text, default: '5000' },
			'overhead-contacts': { ...text, default: '10000' },
			callbacks: { ...text, default: '2000' },
			repetitions: { ...text, default: '3' },
			'drain-contacts': { ...text, default: '120,500' },
			'drain-time-scale': { ...text, default: String(E2E_TIME_SCALE) },
			'scale-contacts': { ...text, default: '1000,10000,100000' },
			'scale-repetitions': { ...text, default: '1' },
			'media-contacts': { ...text, default: '1000' },
			'media-mb': { ...text, default: '5' },
			'download-mb': { ...text, default: '100' },
			'conversation-contacts': { ...text, default: '20' },
			'conversation-rounds': { ...text, default: '5' },
			'model-delay-ms': { ...text, default: '1000' },
			'conversation-rps': { ...text, default: '10' },
			'expression-engine': text,
			'cpu-profile': text,
			baseline: text,
		},
	});
	const only = values.only?.split(',');
	const unknown = only?.filter((name) => !(VARIANTS as readonly string[]).includes(name));
	if (unknown?.length)
		throw new Error(`--only: unknown ${unknown.join(', ')}; choose from ${VARIANTS.join(', ')}`);
	return {
		wanted: (variant) => !only || only.includes(variant),
		expressionEngine: values['expression-engine'],
		cpuProfileDir: values['cpu-profile'],
		baseline: values.baseline,
		sizes: {
			contacts: positiveNumber('contacts', values.contacts),
			overheadContacts: positiveNumber('overhead-contacts', values['overhead-contacts']),
			callbacks: positiveNumber('callbacks', values.callbacks),
			repetitions: positiveNumber('repetitions', values.repetitions),
			drainContacts: numberList('drain-contacts', values['drain-contacts']),
			drainTimeScale: positiveNumber('drain-time-scale', values['drain-time-scale']),
			scaleContacts: numberList('scale-contacts', values['scale-contacts']),
			scaleRepetitions: positiveNumber('scale-repetitions', values['scale-repetitions']),
			mediaContacts: positiveNumber('media-contacts', values['media-contacts']),
			mediaMegabytes: positiveNumber('media-mb', values['media-mb']),
			downloadMegabytes: positiveNumber('download-mb', values['download-mb']),
			conversationContacts: positiveNumber(
				'conversation-contacts',
				values['conversation-contacts'],
			),
			conversationRounds: positiveNumber('conversation-rounds', values['conversation-rounds']),
			modelDelayMs: positiveNumber('model-delay-ms', values['model-delay-ms']),
			conversationRps: positiveNumber('conversation-rps', values['conversation-rps']),
		},
	};
}
