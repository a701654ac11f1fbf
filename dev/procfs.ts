/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * What Linux's /proc says about running processes: their parent, process group, CPU time and
 * resident memory, for measuring n8n and its task runners, PostgreSQL and its backends.
 */
import fs from 'fs';

/** USER_HZ: the unit of /proc's CPU times, 100 on every Linux architecture Node runs on. */
const TICKS_PER_SECOND = 100;

export interface ProcessEntry {
	pid: number;
	parent: number;
	group: number;
	/** User + system CPU seconds used so far. */
	cpuSeconds: number;
}

/** Every process /proc lists now (one that ends while being read is left out). */
export function listProcesses(): ProcessEntry[] {
	const processes: ProcessEntry[] = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // ended meanwhile
		}
		// The fields after the command name, which is in parentheses and may contain spaces.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		processes.push({
			pid: Number(entry),
			parent: Number(fields[1]),
			group: Number(fields[2]),
			cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
		});
	}
	return processes;
}

/** Resident memory of one process in MiB (0 once it has ended). */
export function residentMiB(pid: number): number {
	try {
		const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return rss ? Number(rss[1]) / 1024 : 0;
	} catch {
		return 0;
	}
}

/** CPU seconds used so far by the processes `select` picks. */
export const cpuSecondsOf = (select: (process: ProcessEntry) => boolean): number =>
	listProcesses()
		.filter(select)
		.reduce((sum, process) => sum + process.cpuSeconds, 0);

/** CPU seconds used so far by a process group (a process started detached and its children). */
export const groupCpuSeconds = (group: number): number =>
	cpuSecondsOf((process) => process.group === group);

/** Resident memory (MiB) of a process group, added up. */
export const groupRssMiB = (group: number): number =>
	listProcesses()
		.filter((process) => process.group === group)
		.reduce((sum, process) => sum + residentMiB(process.pid), 0);
