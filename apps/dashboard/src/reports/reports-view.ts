import type { ApiClient } from '../api/api-client.js';
import type { SliceFilters, TrsReport } from '../api/api-types.js';
import { h, replaceChildren } from '../dom.js';
import { formatCount, formatKpiValue } from '../tiles/kpi-format.js';
import { breakdownTables } from './breakdown-tables.js';
import { downloadCsv } from './csv-download.js';
import { dailyTrend } from './daily-trend.js';
import { releaseTimeHistogram } from './release-time-histogram.js';
import { type ChosenDays, defaultChosenDays, reportPeriodOf } from './report-days.js';
import { outlierTable } from './outlier-table.js';
import { trsSegmentBars } from './trs-segment-bars.js';

/**
 * The "Reports" view (issue 16): the TRS report (`GET /api/reports/trs`) for the UTC days chosen, under the page's
 * filters: the overall figures, the segments as a grouped bar, the distribution as a histogram, the breakdown tables,
 * the daily trend and the longest releases. A change of the days or the filters reloads it; **Download CSV** saves the
 * API's own CSV of the same report, **Print** prints the report alone (the print style sheet hides the controls).
 */
export class ReportsView {
  readonly element: HTMLElement;
  private readonly first = h('input', { id: 'report-first', type: 'date', required: true });
  private readonly last = h('input', { id: 'report-last', type: 'date', required: true });
  private readonly title = h('h2', { id: 'reports-title' }, 'Time Release Study');
  private readonly note = h('p', { class: 'hint report-note', 'aria-live': 'polite' });
  private readonly content = h('div', { class: 'report-content' });
  private filters: SliceFilters = {};
  private request = 0;

  constructor(
    private readonly api: ApiClient,
    now: number = Date.now(),
  ) {
    const days = defaultChosenDays(now);
    this.first.value = days.first;
    this.last.value = days.last;
    const reload = (): void => void this.load();
    this.first.addEventListener('change', reload);
    this.last.addEventListener('change', reload);
    this.element = h(
      'section',
      { class: 'panel reports-view', 'aria-labelledby': 'reports-title' },
      h('header', { class: 'panel-header' }, this.title),
      h(
        'form',
        { class: 'report-controls', 'aria-label': 'Report period', onsubmit: (event: Event) => { event.preventDefault(); reload(); } },
        h('label', { for: this.first.id }, 'From'),
        this.first,
        h('label', { for: this.last.id }, 'to'),
        this.last,
        h('span', { class: 'hint' }, 'UTC days, both included'),
        h('button', { type: 'button', class: 'report-csv', onclick: () => void this.downloadCsv() }, 'Download CSV'),
        h('button', { type: 'button', class: 'report-print', onclick: () => window.print() }, 'Print'),
      ),
      this.note,
      this.content,
    );
  }

  /** Reports under `filters` from now on, reloading if shown (a hidden view is read when it is opened). */
  follow(filters: SliceFilters): void {
    this.filters = filters;
    if (this.element.isConnected && this.element.closest('[hidden]') === null) void this.load();
  }

  /** Reads the report for the days chosen and the filters followed. */
  async load(): Promise<void> {
    const request = (this.request += 1);
    this.note.textContent = 'Loading the report…';
    try {
      const report = await this.api.trsReport(reportPeriodOf(this.chosen()), this.filters);
      if (request === this.request) this.render(report);
    } catch (error) {
      if (request !== this.request) return;
      this.element.removeAttribute('data-from');
      replaceChildren(this.content);
      this.note.textContent = `The report could not be loaded: ${(error as Error).message}`;
    }
  }

  private chosen(): ChosenDays {
    return { first: this.first.value, last: this.last.value };
  }

  private async downloadCsv(): Promise<void> {
    const period = reportPeriodOf(this.chosen());
    try {
      // The API's name for the file (its Content-Disposition), which a download from memory must give itself.
      downloadCsv(await this.api.trsReportCsv(period, this.filters), `trs-report-${period.from}-${period.to}.csv`);
    } catch (error) {
      this.note.textContent = `The CSV could not be downloaded: ${(error as Error).message}`;
    }
  }

  private render(report: TrsReport): void {
    const { period, overall } = report;
    const [from, to] = [period.from.slice(0, 10), period.to.slice(0, 10)];
    this.element.dataset.from = from;
    this.element.dataset.to = to;
    this.element.dataset.position = String(report.position);
    const slice = Object.entries(report.filters).map(([name, value]) => `${name} ${value}`).join(', ') || 'all offices';
    this.title.textContent = `Time Release Study, ${from} to ${this.last.value} (UTC), ${slice}`;
    this.note.textContent = `${formatCount(overall.n)} releases, position ${report.position.toLocaleString('en-GB')}.`;
    replaceChildren(
      this.content,
      h(
        'dl',
        { class: 'report-overall' },
        ...[
          ['releases', formatCount(overall.n)],
          ['mean', formatKpiValue(overall.mean, 'hours')],
          ['median', formatKpiValue(overall.p50, 'hours')],
          ['p90', formatKpiValue(overall.p90, 'hours')],
          ['within target', formatKpiValue(overall.withinTarget, 'ratio')],
        ].flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]),
      ),
      section('report-segments', 'Segments (hours between milestones)', trsSegmentBars(report.segments)),
      section('report-distribution', 'Release-time distribution', releaseTimeHistogram(report.distribution)),
      section('report-trend', 'Daily trend (UTC days)', dailyTrend(report.trend)),
      section('report-breakdowns', 'Breakdowns', breakdownTables(report.breakdowns)),
      section('report-outliers', 'Longest releases', outlierTable(report.outliers)),
    );
  }
}

function section(name: string, heading: string, body: HTMLElement): HTMLElement {
  return h('section', { class: `report-section ${name}` }, h('h3', {}, heading), body);
}
