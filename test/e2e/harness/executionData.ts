/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * What the executions of a workflow hold, read from n8n's database and decoded with n8n's own
 * `flatted` (the format n8n stores execution data in).
 */
import path from 'path';

import type { N8nInstance } from '../../../dev/n8n/n8nInstance';

type Items = Array<{ json: unknown }>;
type RunData = Record<string, Array<{ data?: { main?: Array<Items | null> } }>>;
interface StoredData {
	resultData: { runData: RunData; error?: { message?: string } };
	executionData?: {
		nodeExecutionStack?: Array<{ node: { name: string }; data?: { main?: Items[] } }>;
	};
}

export interface StoredExecution {
	id: number;
	status: string;
	data: StoredData;
}

/** Rows per query: each execution's data is a few kilobytes and the query's output is buffered. */
const PAGE = 50;

/** Every execution of a workflow with its status and decoded data, oldest first. */
export async function storedExecutions(
	n8n: N8nInstance,
	workflowId: string,
): Promise<StoredExecution[]> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(path.join(n8n.install.n8nDir, 'node_modules', 'flatted')) as {
		parse: (text: string) => StoredData;
	};
	const quoted = `'${workflowId.replace(/'/g, "''")}'`;
	const ids = await n8n.query<{ id: number; status: string }>(
		`SELECT id, status FROM execution_entity WHERE workflowId = ${quoted} ORDER BY id`,
	);
	const executions: StoredExecution[] = [];
	for (let i = 0; i < ids.length; i += PAGE) {
		const page = ids.slice(i, i + PAGE);
		const rows = await n8n.query<{ executionId: number; data: string }>(
			`SELECT executionId, data FROM execution_data WHERE executionId IN (${page.map((row) => row.id).join(',')})`,
		);
		const dataById = new Map(rows.map((row) => [row.executionId, row.data]));
		for (const { id, status } of page) {
			const data = dataById.get(id);
			if (data !== undefined) executions.push({ id, status, data: flatted.parse(data) });
		}
	}
	return executions;
}

/** What a node put out in one execution (nothing when it has not run). */
export function outputOf<T = Record<string, unknown>>(
	execution: StoredExecution,
	nodeName: string,
): T[] {
	const runs = execution.data.resultData.runData[nodeName] ?? [];
	return runs.flatMap((run) => (run.data?.main?.[0] ?? []).map((item) => item.json as T));
}

/**
 * The items a trigger started an execution with: its output once the execution ran it, else
 * the start n8n stored with the execution (an execution n8n left unfinished).
 */
export function triggerItemsOf<T = Record<string, unknown>>(
	execution: StoredExecution,
	triggerName: string,
): T[] {
	if (execution.data.resultData.runData[triggerName]) return outputOf<T>(execution, triggerName);
	const start = execution.data.executionData?.nodeExecutionStack?.find(
		(entry) => entry.node.name === triggerName,
	);
	return (start?.data?.main?.[0] ?? []).map((item) => item.json as T);
}
