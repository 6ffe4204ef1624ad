import { CSV_CONTENT_TYPE, reportCsv } from '../../reports/formats/report-csv.js';
import { HTML_CONTENT_TYPE, reportHtml } from '../../reports/formats/report-html.js';
import { type ReportTable } from '../../reports/formats/report-table.js';
import { type ReportFormat } from './report-parameters.js';

/** What an answer needs of the HTTP response: its headers. */
export interface ReportResponse {
  setHeader(name: string, value: string): void;
}

/** A report as asked: the JSON object itself, or its tables as CSV (a download) or as a printable HTML page. */
export function reportAnswer<R extends { readonly period: { readonly from: string; readonly to: string } }>(
  report: R,
  format: ReportFormat,
  response: ReportResponse,
  describe: { readonly name: string; readonly title: string; readonly tables: (report: R) => ReportTable[] },
): R | string {
  if (format === 'json') return report;
  const tables = describe.tables(report);
  if (format === 'csv') {
    const file = `${describe.name}-${report.period.from.slice(0, 10)}-${report.period.to.slice(0, 10)}.csv`;
    response.setHeader('Content-Type', CSV_CONTENT_TYPE);
    response.setHeader('Content-Disposition', `attachment; filename="${file}"`);
    return reportCsv(tables);
  }
  response.setHeader('Content-Type', HTML_CONTENT_TYPE);
  return reportHtml(`${describe.title}, ${report.period.from.slice(0, 10)} to ${report.period.to.slice(0, 10)} (exclusive)`, tables);
}
