/**
 * Deduplication through n8n's own store (`checkProcessedAndRecord`, the one the Remove
 * Duplicates node uses), so it survives restarts and is shared by every process of queue mode.
 * n8n keeps a workflow's processed values in one database row that each call reads, extends
 * and writes back whole, without a lock: two calls at once both see a value as new, and the
 * later write drops what the earlier one recorded. Calls are therefore queued per workflow
 * within this process; across processes (queue mode) that window remains.
 */
import type { IDeduplicationOutput, IExecuteFunctions } from 'n8n-workflow';

const queueByWorkflow = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task of the same workflow in this process has finished. */
async function inTurn<T>(workflowId: string, task: () => Promise<T>): Promise<T> {
	const previous = queueByWorkflow.get(workflowId) ?? Promise.resolve();
	const run = previous.then(task, task);
	const settled = run.then(
		() => undefined,
		() => undefined,
	);
	queueByWorkflow.set(workflowId, settled);
	void settled.then(() => {
		if (queueByWorkflow.get(workflowId) === settled) queueByWorkflow.delete(workflowId);
	});
	return await run;
}

/**
 * The identities among `identities` this workflow has not recorded before; records them.
 * `identities` must be distinct: n8n reports a value repeated within one call as new twice.
 */
export async function recordNewIdentities(
	context: IExecuteFunctions,
	identities: string[],
	historySize: number,
): Promise<Set<string>> {
	if (identities.length === 0) return new Set();
	const record = async (): Promise<IDeduplicationOutput> =>
		await context.helpers.checkProcessedAndRecord(identities, 'workflow', {
			mode: 'entries',
			maxEntries: historySize,
		});
	const result = await inTurn(String(context.getWorkflow().id ?? ''), async () => {
		try {
			return await record();
		} catch {
			// The first call of a workflow inserts its row; another process may have inserted it
			// meanwhile, which fails the insert. The row exists now, so a second call updates it.
			return await record();
		}
	});
	return new Set(result.new.map(String));
}
