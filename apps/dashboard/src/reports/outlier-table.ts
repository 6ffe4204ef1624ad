import type { TrsReport } from '../api/api-types.js';
import { h } from '../dom.js';
import { formatKpiValue } from '../tiles/kpi-format.js';

/** The report's longest releases, longest first, as the API orders them; an unknown attribute is a dash. */
export function outlierTable(outliers: TrsReport['outliers']): HTMLElement {
  if (outliers.length === 0) return h('p', { class: 'hint' }, 'No release in this period.');
  return h(
    'table',
    { class: 'report-table outliers' },
    h('thead', {}, h('tr', {}, ...['declaration', 'release time', 'office', 'final lane', 'transport mode'].map((heading) => h('th', { scope: 'col' }, heading)))),
    h(
      'tbody',
      {},
      ...outliers.map((outlier) =>
        h(
          'tr',
          { 'data-subject': outlier.subject },
          h('th', { scope: 'row' }, outlier.subject),
          h('td', {}, formatKpiValue(outlier.hours, 'hours')),
          ...[outlier.office, outlier.finalLane, outlier.transportMode].map((value) => h('td', {}, value ?? '—')),
        ),
      ),
    ),
  );
}
