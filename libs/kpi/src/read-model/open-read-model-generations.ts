import { PostgresKpiReadModelGenerations } from './postgres/postgres-kpi-read-model-generations.js';
import { type KpiReadModelGenerations } from './read-model-generations.port.js';
import { SqliteKpiReadModelGenerations } from './sqlite/sqlite-kpi-read-model-generations.js';

/** Which adapter backs the KPI read model generations: chosen by configuration (`KPI_READ_MODEL`), never by code. */
export type KpiReadModelSettings =
  | { readonly adapter: 'sqlite'; readonly directory: string }
  | { readonly adapter: 'postgres'; readonly connectionString: string; readonly schema: string };

/**
 * Opens the configured adapter, taking the projection's lease.
 * @throws KpiProjectionLeaseHeldError when another process holds it.
 */
export async function openReadModelGenerations(settings: KpiReadModelSettings): Promise<KpiReadModelGenerations> {
  return settings.adapter === 'sqlite'
    ? SqliteKpiReadModelGenerations.open({ directory: settings.directory })
    : PostgresKpiReadModelGenerations.open({ connectionString: settings.connectionString, schema: settings.schema });
}
