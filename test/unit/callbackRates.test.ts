/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * The trigger's scale notice quotes one constant, and that constant is what BENCHMARKS.md's
 * "Callbacks at campaign scale" table measured (default engine, 100 in flight).
 */
import * as fs from 'fs';
import * as path from 'path';

import { InsiderWhatsAppTrigger } from '../../nodes/InsiderWhatsAppTrigger/InsiderWhatsAppTrigger.node';
import { MEASURED_CALLBACK_RATES } from '../../nodes/InsiderWhatsAppTrigger/callbackRates';

/** accepted/s of the default engine's 100-in-flight row whose receiver starts with `receiver`. */
function benchmarked(receiver: string): number {
	const table = fs.readFileSync(path.join(__dirname, '../../BENCHMARKS.md'), 'utf8');
	const row = table
		.split('\n')
		.map((line) => line.split('|').map((cell) => cell.trim()))
		.find((cells) => cells[1] === 'default' && cells[2].startsWith(receiver) && cells[3] === '100');
	if (!row)
		throw new Error(`BENCHMARKS.md has no default-engine 100-in-flight row for ${receiver}`);
	return Number(row[4]);
}

test('the constant is the benchmark, rounded', () => {
	expect(MEASURED_CALLBACK_RATES.trigger).toBe(Math.round(benchmarked('Insider WhatsApp Trigger')));
	expect(MEASURED_CALLBACK_RATES.webhookNode).toBe(
		Math.round(benchmarked("n8n's Webhook node alone")),
	);
});

test("the trigger's panel quotes the constant's figures", () => {
	const notice = new InsiderWhatsAppTrigger().description.properties.find((property) =>
		property.displayName.includes('callbacks per second'),
	);
	expect(notice?.type).toBe('notice');
	const { cores, trigger, webhookNode, callbacksPerMessage } = MEASURED_CALLBACK_RATES;
	expect(notice?.displayName).toContain(`Measured on ${cores} cores`);
	expect(notice?.displayName).toContain(`about ${trigger} callbacks per second`);
	expect(notice?.displayName).toContain(`the Webhook node path ${webhookNode}`);
	expect(notice?.displayName).toContain(`up to ${callbacksPerMessage} per message`);
});
