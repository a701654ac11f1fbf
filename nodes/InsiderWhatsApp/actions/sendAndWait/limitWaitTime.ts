import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, WAIT_INDEFINITELY } from 'n8n-workflow';

/** The Limit Wait Time option, with n8n's own parameter names and values. */
interface LimitWaitTime {
	limitType?: 'afterTimeInterval' | 'atSpecifiedTime';
	resumeAmount?: number;
	resumeUnit?: 'minutes' | 'hours' | 'days';
	maxDateAndTime?: string;
}

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/**
 * When the execution resumes if nobody taps, with the meaning n8n gives Limit Wait Time in its
 * own Send and Wait operations: an interval from now, or a date. Without the option it waits
 * until a tap (n8n's WAIT_INDEFINITELY, which its wait tracker never picks up). A value left out
 * of the stored option means its default, as the panel shows it.
 */
export function waitTillFromOptions(context: IExecuteFunctions, now = new Date()): Date {
	const limit = context.getNodeParameter('options.limitWaitTime.values', 0, {}) as LimitWaitTime;
	if (Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	let waitTill: Date;
	let problem: string;
	if ((limit.limitType ?? 'afterTimeInterval') === 'afterTimeInterval') {
		const amount = Number(limit.resumeAmount ?? 1);
		const unit = limit.resumeUnit ?? 'hours';
		waitTill = new Date(now.getTime() + amount * (UNIT_MS[unit] ?? Number.NaN));
		problem = `Amount "${String(limit.resumeAmount)}" with unit "${unit}" is not a time interval`;
	} else {
		waitTill = new Date(limit.maxDateAndTime ?? '');
		problem = `Max Date and Time "${String(limit.maxDateAndTime ?? '')}" is not a date and time`;
	}
	if (Number.isNaN(waitTill.getTime())) {
		throw new NodeOperationError(context.getNode(), 'Could not configure Limit Wait Time', {
			description: `${problem}. Nothing was sent.`,
		});
	}
	return waitTill;
}
