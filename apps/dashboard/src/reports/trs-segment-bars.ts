import type { TrsReport } from '../api/api-types.js';
import { milestoneName } from '../declarations/milestone-names.js';
import { h } from '../dom.js';
import { formatCount, formatKpiValue } from '../tiles/kpi-format.js';

type Segment = TrsReport['segments'][number];
const FIGURES = ['mean', 'median'] as const;

/**
 * The TRS segments as a grouped bar: one row per (from, to) pair in the report's order, a bar for the mean and one for
 * the median, all on one scale from the most negative value (a lodgement before arrival) to the largest, so that
 * segments compare at a glance and a negative one reaches left of zero.
 */
export function trsSegmentBars(segments: readonly Segment[]): HTMLElement {
  if (segments.length === 0) return h('p', { class: 'hint' }, 'No segment: no release in this period.');
  const values = segments.flatMap((segment) => FIGURES.map((figure) => segment[figure] ?? 0));
  const low = Math.min(0, ...values);
  const span = Math.max(0, ...values) - low || 1;
  const bar = (segment: Segment, figure: (typeof FIGURES)[number]): HTMLElement => {
    const value = segment[figure] ?? 0;
    const drawn = h('span', { class: `segment-bar segment-${figure}${value < 0 ? ' segment-negative' : ''}` });
    drawn.style.setProperty('left', `${((Math.min(value, 0) - low) / span) * 100}%`);
    drawn.style.setProperty('width', `${(Math.abs(value) / span) * 100}%`);
    return h('div', { class: 'segment-track', title: `${figure} ${formatKpiValue(segment[figure], 'hours')}` }, drawn);
  };
  return h(
    'div',
    { class: 'segment-chart' },
    h('p', { class: 'chart-legend' }, h('span', { class: 'legend-mean' }, 'mean'), h('span', { class: 'legend-median' }, 'median')),
    h(
      'ol',
      { class: 'segments' },
      ...segments.map((segment) =>
        h(
          'li',
          { class: 'segment', 'data-from': segment.from, 'data-to': segment.to },
          h('span', { class: 'segment-name' }, `${milestoneName(segment.from)} → ${milestoneName(segment.to)}`),
          h('div', { class: 'segment-bars' }, bar(segment, 'mean'), bar(segment, 'median')),
          h(
            'span',
            { class: 'segment-figures' },
            h('span', { class: 'segment-mean-value' }, formatKpiValue(segment.mean, 'hours')),
            ' / ',
            h('span', { class: 'segment-median-value' }, formatKpiValue(segment.median, 'hours')),
            h('span', { class: 'segment-n' }, ` n = ${formatCount(segment.n)}`),
          ),
        ),
      ),
    ),
  );
}
