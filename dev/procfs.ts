/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * What Linux's /proc says about running processes: their parent, process group, CPU time and
 * resident memory (now and at its peak), for measuring n8n and its task runners, PostgreSQL and its backends.
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

/** A memory figure of one process in MiB from /proc/PID/status (0 once it has ended). */
function statusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kB = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
		return kB ? Number(kB[1]) / 1024 : 0;
	} catch {
		return 0;
	}
}

/** Resident memory of one process in MiB (0 once it has ended). */
export const residentMiB = (pid: number): number => statusMiB(pid, 'VmRSS');

/** Peak resident memory of one process in MiB since it started or since resetGroupPeakRss. */
export const peakResidentMiB = (pid: number): number => statusMiB(pid, 'VmHWM');

/** CPU seconds used so far by the processes `select` picks. */
export const cpuSecondsOf = (select: (process: ProcessEntry) => boolean): number =>
	listProcesses()
		.filter(select)
		.reduce((sum, process) => sum + process.cpuSeconds, 0);

/** CPU seconds used so far by a process group (a process started detached and its children). */
export const groupCpuSeconds = (group: number): number =>
	cpuSecondsOf((process) => process.group === group);

/** `measure` of each process of a group, added up. */
const groupSum = (group: number, measure: (pid: number) => number): number =>
	listProcesses()
		.filter((process) => process.group === group)
		.reduce((sum, process) => sum + measure(process.pid), 0);

/** Resident memory (MiB) of a process group, added up. */
export const groupRssMiB = (group: number): number => groupSum(group, residentMiB);

/** The peaks (MiB) of a process group's processes since resetGroupPeakRss, added up. */
export const groupPeakRssMiB = (group: number): number => groupSum(group, peakResidentMiB);

/**
 * Sets the peak resident memory (VmHWM) of each process of a group back to its current RSS
 * (Linux's `clear_refs` 5), so groupPeakRssMiB then gives the peak of what follows, however
 * short: a sampler can miss a buffer that lives for a tenth of a second. False where the kernel
 * does not allow it (then only sampling is left).
 */
export function resetGroupPeakRss(group: number): boolean {
	let reset = true;
	for (const process of listProcesses()) {
		if (process.group !== group) continue;
		try {
			fs.writeFileSync(`/proc/${process.pid}/clear_refs`, '5');
		} catch {
			reset = false;
		}
	}
	return reset;
}
