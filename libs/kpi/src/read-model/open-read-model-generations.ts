import type { WalCheckpointerLogger } from '@customs-pulse/sql/sqlite';
import { MirroringGenerations } from './mirror/mirroring-generations.js';
import type { KpiReadModelSettings } from './kpi-read-model-settings.js';
import { PostgresActiveHistory } from './postgres/postgres-active-history.js';
import { PostgresMirroredReadModel } from './postgres/postgres-mirrored-read-model.js';
import { PostgresKpiReadModelGenerations } from './postgres/postgres-kpi-read-model-generations.js';
import { type KpiReadModelGenerations } from './read-model-generations.port.js';
import { SqliteKpiReadModelGenerations } from './sqlite/sqlite-kpi-read-model-generations.js';

// Chooses among the adapters at run time, so it loads both drivers: exported by `@customs-pulse/kpi/api`, never by the
// framework-free entry point.

/**
 * Opens the configured adapter, taking the projection's lease. `logger` hears of a SQLite generation's WAL
 * checkpointer failing.
 * @throws KpiProjectionLeaseHeldError when another process holds it.
 */
export async function openReadModelGenerations(settings: KpiReadModelSettings, logger?: WalCheckpointerLogger): Promise<KpiReadModelGenerations> {
  return settings.adapter === 'sqlite'
    ? SqliteKpiReadModelGenerations.open({ directory: settings.directory, ...(logger ? { logger } : {}) })
    : PostgresKpiReadModelGenerations.open(postgresConnection(settings));
}

/**
 * Generations for a mirror of the projector whose read model `settings` names (README, "Gateways mirror the
 * projector"): it loads the hot state of that read model's active generation, then takes the rows each of the
 * projector's commits stores; its questions asOf a past time start from that generation's history. PostgreSQL only:
 * mirrors are the distributed gateways, and a standalone app is its own projector.
 * @throws RangeError for SQLite settings.
 */
export function mirrorReadModelGenerations(settings: KpiReadModelSettings): KpiReadModelGenerations {
  if (settings.adapter !== 'postgres') throw new RangeError('a KPI mirror reads a PostgreSQL read model (KPI_READ_MODEL=postgres)');
  return new MirroringGenerations(PostgresMirroredReadModel.open(postgresConnection(settings)), PostgresActiveHistory.open(postgresConnection(settings)));
}

/** The connection of PostgreSQL `settings`, with their session limits when they name some. */
function postgresConnection(settings: Extract<KpiReadModelSettings, { adapter: 'postgres' }>) {
  const { connectionString, schema, sessionLimits } = settings;
  return { connectionString, schema, ...(sessionLimits ? { sessionLimits } : {}) };
}
