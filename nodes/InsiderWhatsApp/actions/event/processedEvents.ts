/**
 * Deduplication through n8n's own store (`checkProcessedAndRecord`, the one the Remove
 * Duplicates node uses), so it survives restarts and is shared by every process of queue mode.
 * n8n keeps a workflow's processed values in one database row that each call reads, extends
 * and writes back whole, without a lock: two calls at once both see a value as new, and the
 * later write drops what the earlier one recorded. So within this process one call at a time
 * goes to the store per workflow, and the executions that arrive meanwhile are served together
 * by the next call: one database round trip for a whole burst instead of one each. Across
 * processes (queue mode) the window remains.
 */
import type { IDeduplicationOutput, IExecuteFunctions } from 'n8n-workflow';

/** One execution's request: its distinct identities, and where to send the new ones. */
interface Request {
	context: IExecuteFunctions;
	identities: string[];
	historySize: number;
	resolve: (fresh: Set<string>) => void;
	reject: (error: unknown) => void;
}

/** Requests of each workflow waiting for the next call; present while a call is under way. */
const waitingByWorkflow = new Map<string, Request[]>();

async function checkAndRecord(
	context: IExecuteFunctions,
	identities: string[],
	historySize: number,
): Promise<IDeduplicationOutput> {
	const call = async () =>
		await context.helpers.checkProcessedAndRecord(identities, 'workflow', {
			mode: 'entries',
			maxEntries: historySize,
		});
	try {
		return await call();
	} catch {
		// The first call of a workflow inserts its row; another process may have inserted it
		// meanwhile, which fails the insert. The row exists now, so a second call updates it.
		return await call();
	}
}

/** Serves the workflow's waiting requests, a batch per call, until none are left. */
async function serve(workflowId: string, waiting: Request[]): Promise<void> {
	while (waiting.length > 0) {
		const batch = waiting.splice(0);
		const identities = [...new Set(batch.flatMap((request) => request.identities))];
		const historySize = Math.max(...batch.map((request) => request.historySize));
		try {
			const result = await checkAndRecord(batch[0].context, identities, historySize);
			const fresh = new Set(result.new.map(String));
			// An identity two executions of the batch share is new for the first one only.
			for (const request of batch) {
				const mine = new Set(request.identities.filter((identity) => fresh.delete(identity)));
				request.resolve(mine);
			}
		} catch (error) {
			for (const request of batch) request.reject(error);
		}
	}
	waitingByWorkflow.delete(workflowId);
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
	const workflowId = String(context.getWorkflow().id ?? '');
	return await new Promise<Set<string>>((resolve, reject) => {
		const request = { context, identities, historySize, resolve, reject };
		const waiting = waitingByWorkflow.get(workflowId);
		if (waiting) {
			waiting.push(request);
			return;
		}
		const queue = [request];
		waitingByWorkflow.set(workflowId, queue);
		void serve(workflowId, queue);
	});
}
