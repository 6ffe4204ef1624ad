import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ApiClient } from '../api/api-client.js';
import type { Granularity, KpiSeries, SliceFilters } from '../api/api-types.js';
import { h, replaceChildren } from '../dom.js';
import { DelayedReload } from '../live/delayed-reload.js';
import { formatKpiValue } from '../tiles/kpi-format.js';

/** The two release-time percentiles the chart draws (kpis.md). */
const LINES = [
  { kpiId: 'release_time_p50', label: 'p50 (median)', stroke: '#4fc3f7' },
  { kpiId: 'release_time_p90', label: 'p90', stroke: '#ffb74d' },
] as const;

/** Live changes come at up to 4 a second; the chart reloads its series at most this often. */
const RELOAD_DELAY_MS = 3_000;

/**
 * The release time (TRS) over the last 24 hours or 30 days, p50 and p90, under the page's filters. Hours and days
 * are UTC buckets, so the axis is in UTC too.
 */
export class ReleaseTimeChart {
  readonly element: HTMLElement;
  private readonly canvas = h('div', { class: 'chart-canvas' });
  private readonly note = h('p', { class: 'hint', 'aria-live': 'polite' });
  private readonly buttons: Record<Granularity, HTMLButtonElement>;
  private granularity: Granularity = 'hour';
  private filters: SliceFilters = {};
  private plot: uPlot | null = null;
  private request = 0;
  private readonly reload = new DelayedReload(() => void this.load(), RELOAD_DELAY_MS);

  constructor(private readonly api: ApiClient) {
    this.buttons = {
      hour: h('button', { type: 'button', 'aria-pressed': 'true', onclick: () => this.show('hour') }, '24 hours'),
      day: h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => this.show('day') }, '30 days'),
    };
    this.element = h(
      'section',
      { class: 'panel release-chart', 'aria-labelledby': 'release-chart-title' },
      h('header', { class: 'panel-header' }, h('h2', { id: 'release-chart-title' }, 'Release time (TRS), UTC'), h('div', { class: 'toggle' }, this.buttons.hour, this.buttons.day)),
      this.canvas,
      this.note,
    );
    new ResizeObserver(() => this.fit()).observe(this.canvas);
  }

  /** Draws the series under `filters`. */
  follow(filters: SliceFilters): void {
    this.filters = filters;
    void this.load();
  }

  /** A KPI changed live: reloads soon if it is one of the chart's. */
  changed(kpiId: string): void {
    if (LINES.some((line) => line.kpiId === kpiId)) this.reload.ask();
  }

  private show(granularity: Granularity): void {
    this.granularity = granularity;
    for (const [name, button] of Object.entries(this.buttons)) button.setAttribute('aria-pressed', String(name === granularity));
    void this.load();
  }

  private async load(): Promise<void> {
    const request = (this.request += 1);
    try {
      const series = await Promise.all(LINES.map(({ kpiId }) => this.api.series(kpiId, this.granularity, this.filters)));
      if (request === this.request) this.draw(series);
    } catch (error) {
      if (request === this.request) this.note.textContent = `The series could not be loaded: ${(error as Error).message}`;
    }
  }

  private draw(series: readonly KpiSeries[]): void {
    const points = series[0]?.points ?? [];
    const data: uPlot.AlignedData = [points.map((point) => Date.parse(point.start) / 1000), ...series.map(({ points: line }) => line.map((point) => point.value))];
    const released = series[0]?.points.reduce((sum, point) => sum + point.n, 0) ?? 0;
    this.note.textContent = released === 0 ? 'No release in this range.' : `${released.toLocaleString('en-GB')} releases in this range.`;
    this.plot?.destroy();
    replaceChildren(this.canvas);
    this.plot = new uPlot(this.options(), data, this.canvas);
  }

  private options(): uPlot.Options {
    const axis = { stroke: '#9aa5b1', grid: { stroke: 'rgba(154,165,177,0.15)' }, ticks: { stroke: 'rgba(154,165,177,0.3)' } };
    return {
      ...this.size(),
      legend: { live: false },
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      scales: { x: { time: true }, y: { range: (_plot, _min, max) => [0, Math.max(1, max ?? 1) * 1.1] } },
      series: [
        {},
        ...LINES.map(({ label, stroke }) => ({ label, stroke, width: 2, points: { show: true, size: 4 }, value: (_plot: uPlot, value: number | null) => formatKpiValue(value, 'hours') })),
      ],
      axes: [axis, { ...axis, size: 56, values: (_plot, ticks) => ticks.map((tick) => `${tick} h`) }],
    };
  }

  private size(): { width: number; height: number } {
    const width = Math.max(280, this.canvas.clientWidth);
    return { width, height: Math.round(Math.min(420, Math.max(180, width * 0.42))) };
  }

  private fit(): void {
    if (this.plot === null) return;
    const size = this.size();
    if (size.width !== this.plot.width) this.plot.setSize(size);
  }
}
