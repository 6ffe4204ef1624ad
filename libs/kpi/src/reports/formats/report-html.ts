import { type ReportCell, type ReportTable } from './report-table.js';

/** `text/html`, with its character set. */
export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#111}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #999;padding:.2rem .5rem;text-align:left}
td.number{text-align:right;font-variant-numeric:tabular-nums}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}`;

/**
 * A printable page of the tables: plain HTML and CSS, no script (targets-and-reports.md). Every text is escaped.
 * Fractions are shown to 4 decimals; the CSV and the JSON carry every digit.
 */
export function reportHtml(title: string, tables: readonly ReportTable[]): string {
  const sections = tables.map(
    ({ title: heading, columns, rows }) =>
      `<section><h2>${escape(heading)}</h2><table><thead><tr>${columns.map((column) => `<th>${escape(column)}</th>`).join('')}</tr></thead>` +
      `<tbody>${rows.map((row) => `<tr>${row.map(htmlCell).join('')}</tr>`).join('')}</tbody></table></section>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head>` +
    `<body><h1>${escape(title)}</h1>${sections.join('')}</body></html>\n`;
}

function htmlCell(cell: ReportCell): string {
  if (typeof cell === 'number') return `<td class="number">${Number.isInteger(cell) ? cell : Number(cell.toFixed(4))}</td>`;
  return `<td>${cell === null ? '' : escape(String(cell))}</td>`;
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}
