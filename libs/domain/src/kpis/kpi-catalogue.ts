import { ENFORCEMENT_KPIS } from './enforcement-kpis.js';
import { type KpiDefinition } from './kpi-definition.js';
import { KPI_IDS, type KpiId } from './kpi-ids.js';
import { ORGANIZATIONAL_DEVELOPMENT_KPIS } from './organizational-development-kpis.js';
import { REVENUE_COLLECTION_KPIS } from './revenue-collection-kpis.js';
import { TRADE_FACILITATION_KPIS } from './trade-facilitation-kpis.js';

/** Every KPI of kpis.md, dimension by dimension in the order of its tables: what `GET /api/kpis` lists. */
export const KPI_CATALOGUE: readonly KpiDefinition[] = [
  ...TRADE_FACILITATION_KPIS,
  ...REVENUE_COLLECTION_KPIS,
  ...ENFORCEMENT_KPIS,
  ...ORGANIZATIONAL_DEVELOPMENT_KPIS,
];

const BY_ID: ReadonlyMap<KpiId, KpiDefinition> = indexById(KPI_CATALOGUE);

/** The definition of a KPI; check a string with {@link isKpiId} first. */
export function kpiById(id: KpiId): KpiDefinition {
  const definition = BY_ID.get(id);
  if (definition === undefined) throw new RangeError(`unknown KPI ${JSON.stringify(id)}`);
  return definition;
}

/** Fails at load, not at the first lookup, when the catalogue and {@link KPI_IDS} ever drift apart. */
function indexById(catalogue: readonly KpiDefinition[]): ReadonlyMap<KpiId, KpiDefinition> {
  const byId = new Map<KpiId, KpiDefinition>();
  for (const definition of catalogue) {
    if (byId.has(definition.id)) throw new Error(`KPI ${definition.id} is defined twice`);
    byId.set(definition.id, definition);
  }
  const missing = KPI_IDS.filter((id) => !byId.has(id));
  if (missing.length > 0) throw new Error(`KPIs without a definition: ${missing.join(', ')}`);
  return byId;
}
