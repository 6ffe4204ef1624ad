import { type ReportCell, type ReportTable } from './report-table.js';

/** `text/csv` (RFC 4180), with its character set. */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/**
 * The tables as CSV (targets-and-reports.md): each a header row naming its columns, its rows, then one empty line.
 * The first column is the section, in the header and in every row, so that each row says which table it belongs to.
 * Lines end in CRLF, and a cell holding a comma, a quote or a line break is quoted (RFC 4180). A text that a
 * spreadsheet would read as a formula gets a leading `'` ({@link FORMULA_START}).
 */
export function reportCsv(tables: readonly ReportTable[]): string {
  let csv = '';
  for (const { section, columns, rows } of tables) {
    csv += csvLine(['section', ...columns]);
    for (const row of rows) csv += csvLine([section, ...row]);
    csv += '\r\n';
  }
  return csv;
}

function csvLine(cells: readonly ReportCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * What a spreadsheet takes for the start of a formula (OWASP, "CSV injection"). Office ids and subjects come from
 * producers, so `=HYPERLINK(...)` as an office id would run on the operator's machine that opens the export; such a
 * text is written with a leading `'`, which spreadsheets read as "this is text". Numbers are written as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(cell: ReportCell): string {
  if (cell === null) return '';
  const text = typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
