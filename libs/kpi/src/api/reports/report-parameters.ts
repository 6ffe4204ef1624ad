import { type KpiFilters } from '../../engine/slices.js';
import { MAX_REPORT_DAYS, type ReportPeriod } from '../../reports/report-period.js';
import { type TrsFilters } from '../../reports/trs-report.js';
import { DAY_MS } from '../../engine/bucket-time.js';
import { plainDateMs } from '../../engine/utc-days.js';
import { QueryParameters, rfc3339 } from '../http/query-parameters.js';

/** The formats a report is answered in (targets-and-reports.md). */
export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const YEAR = /^\d{4}$/;

/** The query of a report endpoint: its period, format and filters, every problem named by `query.<parameter>`. */
export class ReportParameters extends QueryParameters {
  /** `format`: `json` (the default), `csv` or `html`. */
  format(): ReportFormat {
    const value = this.text('format') ?? 'json';
    if ((REPORT_FORMATS as readonly string[]).includes(value)) return value as ReportFormat;
    this.problem('format', `must be one of ${REPORT_FORMATS.join(', ')}`);
    return 'json';
  }

  /** The TRS report's filters: `office`, `transportMode`, `regime`. */
  trsFilters(): TrsFilters {
    const { office, transportMode, regime }: KpiFilters = this.filters();
    return { ...(office === undefined ? {} : { office }), ...(transportMode === undefined ? {} : { transportMode }), ...(regime === undefined ? {} : { regime }) };
  }

  /**
   * The period: `from` and `to`, both required, UTC midnights written as plain dates (`2026-01-01`) or as RFC 3339
   * instants (`2026-01-01T00:00:00.000Z`, or any offset that is a UTC midnight); or, where `acceptsYear`, `year`
   * (`2025`: that calendar year) instead of both. `from` before `to`, at most {@link MAX_REPORT_DAYS} days apart.
   */
  period(acceptsYear: boolean): ReportPeriod {
    const year = acceptsYear ? this.text('year') : undefined;
    const given = { from: this.text('from'), to: this.text('to') };
    if (year !== undefined) {
      if (given.from !== undefined || given.to !== undefined) this.problem('year', 'gives the period: leave out from and to, or leave out year');
      else if (!YEAR.test(year) || Number(year) < 1) this.problem('year', 'must be a year of 4 digits, e.g. 2025');
      else return { from: Date.UTC(Number(year), 0, 1), to: Date.UTC(Number(year) + 1, 0, 1) };
      return { from: 0, to: DAY_MS };
    }
    const alternative = acceptsYear ? ', or year' : '';
    const from = this.midnight('from', given.from, alternative);
    const to = this.midnight('to', given.to, alternative);
    if (from === undefined || to === undefined) return { from: 0, to: DAY_MS };
    if (from >= to) this.problem('to', 'must be after from');
    else if ((to - from) / DAY_MS > MAX_REPORT_DAYS) this.problem('to', `is over ${MAX_REPORT_DAYS} days after from; ask for a shorter period`);
    return { from, to };
  }

  private midnight(name: 'from' | 'to', text: string | undefined, alternative: string): number | undefined {
    if (text === undefined) {
      if (this.query[name] === undefined) this.problem(name, `is required: a UTC midnight, e.g. 2026-01-01${alternative}`);
      return undefined;
    }
    const ms = plainDateMs(text) ?? rfc3339(text)?.getTime();
    if (ms === undefined) this.problem(name, 'must be a date (2026-01-01) or an RFC 3339 time with offset');
    else if (ms % DAY_MS !== 0) this.problem(name, 'must be a UTC midnight (00:00Z)');
    else return ms;
    return undefined;
  }
}
