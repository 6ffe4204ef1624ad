import type { TrsReport } from '../api/api-types.js';
import { h } from '../dom.js';
import { formatCount } from '../tiles/kpi-format.js';

type Bin = TrsReport['distribution'][number];

/** `0–1 h`, `72–168 h`, `over 168 h`: the report's bins, lower bound included. */
export function binLabel({ fromHours, toHours }: Bin): string {
  return toHours === null ? `over ${fromHours} h` : `${fromHours}–${toHours} h`;
}

/**
 * The release-time distribution as a histogram: a column per bin of the report, in its order, as high as its count
 * against the largest. The bins are of unequal width (hours, then days), so columns stand side by side, equally
 * wide, as the TRS Guide's tables do, rather than on a time axis.
 */
export function releaseTimeHistogram(distribution: readonly Bin[]): HTMLElement {
  const largest = Math.max(1, ...distribution.map((bin) => bin.count));
  return h(
    'ol',
    { class: 'histogram', 'aria-label': distribution.map((bin) => `${binLabel(bin)}: ${bin.count}`).join('; ') },
    ...distribution.map((bin) => {
      const column = h('span', { class: 'histogram-column' });
      column.style.setProperty('height', `${(bin.count / largest) * 100}%`);
      return h(
        'li',
        { class: 'histogram-bin', 'data-from-hours': bin.fromHours, 'data-count': bin.count },
        h('span', { class: 'histogram-count' }, formatCount(bin.count)),
        h('span', { class: 'histogram-space' }, column),
        h('span', { class: 'histogram-label' }, binLabel(bin)),
      );
    }),
  );
}
