import * as workflow from 'n8n-workflow';

type SleepWithSignal = (ms: number, abortSignal?: AbortSignal) => Promise<void>;

/**
 * n8n's sleep, cut short by the execution's cancel signal. n8n 2.x's `sleep(ms, signal)` takes
 * the signal itself; n8n 1.x has `sleepWithAbort(ms, signal)` and a `sleep` that ignores it.
 * Resolves true after the full delay, false as soon as the execution is stopped, so a stopped
 * execution never waits out a delay.
 */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return false;
	const withAbort = (workflow as { sleepWithAbort?: SleepWithSignal }).sleepWithAbort;
	const sleep =
		signal && typeof withAbort === 'function' ? withAbort : (workflow.sleep as SleepWithSignal);
	// The only way either sleep rejects is the signal firing.
	const slept = await sleep(ms, signal).then(
		() => true,
		() => false,
	);
	return slept && !signal?.aborted;
}
