import { TRS_BREAKDOWNS, type TrsBreakdown, type TrsReport } from '../api/api-types.js';
import { h } from '../dom.js';
import { formatCount, formatKpiValue } from '../tiles/kpi-format.js';

const HEADINGS: Readonly<Record<TrsBreakdown, string>> = {
  finalLane: 'Final lane',
  transportMode: 'Transport mode',
  regime: 'Regime',
  office: 'Office',
  aeo: 'AEO',
  preArrival: 'Pre-arrival lodgement',
};

/** A breakdown key as read: `aeo` and `preArrival` are booleans, the others names like `INLAND_WATERWAY`. */
const keyLabel = (key: string | boolean): string => (typeof key === 'boolean' ? (key ? 'yes' : 'no') : key.replace(/_/g, ' '));

/** The report's breakdowns, a table each (key, n, mean, median, p90) in the spec's order, rows as the API orders them. */
export function breakdownTables(breakdowns: TrsReport['breakdowns']): HTMLElement {
  return h(
    'div',
    { class: 'breakdowns' },
    ...TRS_BREAKDOWNS.map((breakdown) =>
      h(
        'table',
        { class: 'report-table breakdown', 'data-breakdown': breakdown },
        h('caption', {}, HEADINGS[breakdown]),
        h('thead', {}, h('tr', {}, ...['', 'n', 'mean', 'median', 'p90'].map((heading) => h('th', { scope: 'col' }, heading)))),
        h(
          'tbody',
          {},
          ...(breakdowns[breakdown] ?? []).map((row) =>
            h(
              'tr',
              { 'data-key': String(row.key) },
              h('th', { scope: 'row' }, keyLabel(row.key)),
              h('td', { class: 'n' }, formatCount(row.n)),
              ...[row.mean, row.p50, row.p90].map((value) => h('td', {}, formatKpiValue(value, 'hours'))),
            ),
          ),
        ),
      ),
    ),
  );
}
