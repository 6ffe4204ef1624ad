import { type PmmReport } from '../pmm-report.js';
import { type ReportTable } from './report-table.js';

/** The PMM report as tables: one describing the report, then every KPI in total (empty office) and per office. */
export function pmmReportTables(report: PmmReport): ReportTable[] {
  return [
    {
      section: 'report',
      title: 'Report',
      columns: ['from', 'to', 'asOf', 'position'],
      rows: [[report.period.from, report.period.to, report.asOf ?? null, report.position]],
    },
    {
      section: 'kpis',
      title: 'Indicators by PMM dimension (office empty: the total)',
      columns: ['dimension', 'kpiId', 'name', 'unit', 'direction', 'definition', 'office', 'value', 'n'],
      rows: report.dimensions.flatMap(({ dimension, kpis }) =>
        kpis.flatMap(({ kpiId, name, unit, direction, definition, total, offices }) => [
          [dimension, kpiId, name, unit, direction, definition, null, total.value, total.n],
          ...offices.map(({ office, value, n }) => [dimension, kpiId, name, unit, direction, definition, office, value, n]),
        ]),
      ),
    },
  ];
}
