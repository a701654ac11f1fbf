/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * CPU milliseconds this process spends running `run` `times` times in a row, for the tests that
 * compare the cost of two pieces of work. CPU time, not the clock: with both cores busy the clock
 * also counts the time other processes ran, and the longer side of a comparison is interrupted
 * more often, which made a measured ratio three times worse.
 */
export function cpuMillis(run: () => unknown, times = 1): number {
	const started = process.cpuUsage();
	for (let round = 0; round < times; round++) run();
	const used = process.cpuUsage(started);
	return (used.user + used.system) / 1000;
}
