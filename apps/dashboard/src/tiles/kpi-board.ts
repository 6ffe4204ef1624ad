import { KPI_DIMENSIONS, type KpiDefinition, type KpiDimension, type KpiUpdate, type KpiValue, type SliceFilters } from '../api/api-types.js';
import { h } from '../dom.js';
import { KpiTile } from './kpi-tile.js';

/** The PMM's own title of each dimension, as kpis.md heads its tables. */
const DIMENSION_TITLES: Readonly<Record<KpiDimension, string>> = {
  trade_facilitation: 'Trade facilitation and economic competitiveness',
  revenue_collection: 'Revenue collection',
  enforcement: 'Enforcement, security and protection of society',
  organizational_development: 'Organizational development',
};

const FILTER_NAMES: Readonly<Record<keyof SliceFilters, string>> = { office: 'office', transportMode: 'transport mode', regime: 'regime' };

/**
 * A tile for every KPI of the catalogue, grouped by PMM dimension. Takes the snapshot and the `kpi.updated` of the
 * filters the page follows, matched on KPI and filters, so a late answer for filters left behind changes nothing.
 */
export class KpiBoard {
  readonly element: HTMLElement;
  private readonly tiles = new Map<string, KpiTile>();
  private filters: SliceFilters = {};

  constructor(catalogue: readonly KpiDefinition[]) {
    for (const kpi of catalogue) this.tiles.set(kpi.id, new KpiTile(kpi));
    const groups = KPI_DIMENSIONS.map((dimension) => {
      const tiles = [...this.tiles.values()].filter(({ kpi }) => kpi.dimension === dimension);
      return h(
        'section',
        { class: 'dimension', 'data-dimension': dimension, 'aria-label': DIMENSION_TITLES[dimension] },
        h('h2', {}, DIMENSION_TITLES[dimension]),
        h('div', { class: 'tiles' }, ...tiles.map((tile) => tile.element)),
      );
    });
    this.element = h('div', { class: 'board' }, ...groups);
  }

  /** Follows `filters` from now on: tiles clear, and those whose KPI is not sliced by a filter say so. */
  follow(filters: SliceFilters): void {
    this.filters = filters;
    for (const tile of this.tiles.values()) {
      const missing = (Object.keys(FILTER_NAMES) as (keyof SliceFilters)[]).filter((name) => filters[name] !== undefined && !tile.kpi.slices.includes(name));
      tile.reset(missing.length === 0 ? null : `not by ${missing.map((name) => FILTER_NAMES[name]).join(', ')}`);
    }
  }

  snapshot(position: number, values: readonly KpiValue[]): void {
    for (const value of values) if (sameFilters(value.filters, this.filters)) this.tiles.get(value.kpiId)?.show(value.value, value.n, position, false);
  }

  update(update: KpiUpdate): void {
    if (sameFilters(update.filters, this.filters)) this.tiles.get(update.kpiId)?.show(update.value, update.n, update.position, true);
  }
}

function sameFilters(a: SliceFilters, b: SliceFilters): boolean {
  return a.office === b.office && a.transportMode === b.transportMode && a.regime === b.regime;
}
