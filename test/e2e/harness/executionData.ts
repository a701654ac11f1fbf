/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * What a node put out in every saved execution of a workflow, read from n8n's database and
 * decoded with n8n's own `flatted` (the format n8n stores run data in).
 */
import path from 'path';

import type { N8nInstance } from '../../../dev/n8n/n8nInstance';

type RunData = Record<string, Array<{ data?: { main?: Array<Array<{ json: unknown }> | null> } }>>;

/** Rows per query: each execution's data is a few kilobytes and the query's output is buffered. */
const PAGE = 50;

export async function nodeOutputs<T = Record<string, unknown>>(
	n8n: N8nInstance,
	workflowId: string,
	nodeName: string,
): Promise<T[][]> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(path.join(n8n.install.n8nDir, 'node_modules', 'flatted')) as {
		parse: (text: string) => { resultData: { runData: RunData } };
	};
	const quoted = `'${workflowId.replace(/'/g, "''")}'`;
	const ids = await n8n.query<{ id: number }>(
		`SELECT id FROM execution_entity WHERE workflowId = ${quoted} ORDER BY id`,
	);
	const outputs: T[][] = [];
	for (let i = 0; i < ids.length; i += PAGE) {
		const page = ids.slice(i, i + PAGE).map((row) => row.id);
		const rows = await n8n.query<{ data: string }>(
			`SELECT data FROM execution_data WHERE executionId IN (${page.join(',')}) ORDER BY executionId`,
		);
		for (const row of rows) {
			const runs = flatted.parse(row.data).resultData.runData[nodeName] ?? [];
			outputs.push(
				runs.flatMap((run) => (run.data?.main?.[0] ?? []).map((item) => item.json as T)),
			);
		}
	}
	return outputs;
}
