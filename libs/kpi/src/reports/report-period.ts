import { DAY_MS } from '../engine/bucket-time.js';

/** Most UTC days a report may span (targets-and-reports.md): a leap year. */
export const MAX_REPORT_DAYS = 366;

/** The whole UTC days [from, to) a report is taken over, as epoch milliseconds of their midnights. */
export interface ReportPeriod {
  readonly from: number;
  readonly to: number;
}

/** The period as the reports write it: RFC 3339 UTC midnights with milliseconds. */
export function periodJson(period: ReportPeriod): { readonly from: string; readonly to: string } {
  return { from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() };
}

/** The midnight of each UTC day of the period, in order. */
export function daysOf(period: ReportPeriod): number[] {
  const days: number[] = [];
  for (let day = period.from; day < period.to; day += DAY_MS) days.push(day);
  return days;
}
