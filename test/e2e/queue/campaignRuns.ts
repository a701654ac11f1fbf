/**
 * Starting campaigns on a queue deployment and checking what came out: contact lists with a
 * prefix per campaign, the webhook call that runs one, and the checks every campaign scenario
 * makes on its output items.
 */
import { client } from '../../support/http';
import type { QueueDeployment } from '../harness/queueMode';

export type OutputItem = { phoneNumber: string; key: string; status: string };

/** `count` contacts whose phone numbers start with the campaign's `prefix` (`+1555<prefix>…`). */
export const contacts = (prefix: number, count = 2000) =>
	Array.from({ length: count }, (_, i) => ({
		phone: `+1555${prefix * 1_000_000 + i}`,
		name: `Contact ${i}`,
	}));

/** How often each value occurs, keeping only those seen more than once. */
export function repeated(values: string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 1));
}

export const startCampaign = (n8n: QueueDeployment, path: string, people: object[]) =>
	client.post(`${n8n.url}/webhook/${path}`, { contacts: people }, { timeout: 300_000 });

/** Runs the campaign behind webhook `path` and returns its output items. */
export async function runCampaign(
	n8n: QueueDeployment,
	path: string,
	people: Array<{ phone: string }>,
): Promise<OutputItem[]> {
	const response = await startCampaign(n8n, path, people);
	if (response.status !== 200)
		throw new Error(
			`campaign ${path} answered ${response.status}: ${JSON.stringify(response.data)}`,
		);
	return response.data as OutputItem[];
}

/** Every contact accepted, in input order, each with its own key. */
export function expectAllAccepted(items: OutputItem[], people: Array<{ phone: string }>) {
	expect(items.map((item) => item.status)).toEqual(people.map(() => 'accepted'));
	expect(items.map((item) => item.phoneNumber)).toEqual(people.map((p) => p.phone));
	expect(new Set(items.map((item) => item.key)).size).toBe(people.length);
}

export async function latestExecution(n8n: QueueDeployment, workflowId: string) {
	const executions = await n8n.executions(workflowId);
	return executions[executions.length - 1];
}
