import { TRS_BREAKDOWNS, type TrsReport } from '../trs-report.js';
import { type ReportTable } from './report-table.js';

/** The TRS report's sections as tables, in the spec's order, after one describing the report itself. */
export function trsReportTables(report: TrsReport): ReportTable[] {
  const { overall, filters } = report;
  return [
    {
      section: 'report',
      title: 'Report',
      columns: ['from', 'to', 'office', 'transportMode', 'regime', 'asOf', 'position'],
      rows: [[report.period.from, report.period.to, filters.office ?? null, filters.transportMode ?? null, filters.regime ?? null, report.asOf ?? null, report.position]],
    },
    {
      section: 'overall',
      title: 'Release time (hours)',
      columns: ['n', 'mean', 'p50', 'p90', 'withinTarget'],
      rows: [[overall.n, overall.mean, overall.p50, overall.p90, overall.withinTarget]],
    },
    {
      section: 'segments',
      title: 'Segments (hours)',
      columns: ['from', 'to', 'n', 'mean', 'median'],
      rows: report.segments.map(({ from, to, n, mean, median }) => [from, to, n, mean, median]),
    },
    {
      section: 'breakdowns',
      title: 'Breakdowns (hours)',
      columns: ['breakdown', 'key', 'n', 'mean', 'p50', 'p90'],
      rows: TRS_BREAKDOWNS.flatMap((breakdown) => report.breakdowns[breakdown].map(({ key, n, mean, p50, p90 }) => [breakdown, key, n, mean, p50, p90])),
    },
    {
      section: 'distribution',
      title: 'Distribution of release times',
      columns: ['fromHours', 'toHours', 'count'],
      rows: report.distribution.map(({ fromHours, toHours, count }) => [fromHours, toHours, count]),
    },
    {
      section: 'trend',
      title: 'Trend by UTC day (hours)',
      columns: ['day', 'n', 'mean', 'median'],
      rows: report.trend.map(({ day, n, mean, median }) => [day, n, mean, median]),
    },
    {
      section: 'outliers',
      title: 'Longest release times',
      columns: ['subject', 'hours', 'office', 'finalLane', 'transportMode'],
      rows: report.outliers.map(({ subject, hours, office, finalLane, transportMode }) => [subject, hours, office, finalLane, transportMode]),
    },
  ];
}
