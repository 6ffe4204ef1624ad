import { type KpiReadModelState } from '../read-model.port.js';
import { readKpiState } from './postgres-kpi-read-model.js';
import { inTransaction, withReadModelClient } from './postgres-client.js';
import { type PostgresReadModelConnection, borrowPool } from './postgres-pool.js';
import { postgresReadModelSql } from './postgres-read-model-sql.js';
import { assertReadModelSchemaName, quoted } from './postgres-schema-name.js';

/** PostgreSQL's "undefined_table" and "invalid_schema_name": the generation was dropped under our feet. */
const DROPPED = new Set(['42P01', '3F000']);

/** Attempts before giving up on a read that keeps meeting a swap: each swap takes a whole rebuild, so 3 is plenty. */
const ATTEMPTS = 3;

/**
 * Reads the state of the projector's active generation in the control schema `options.schema`, without taking the
 * projector's lease and without creating anything: for followers. Pointer and state are read in one REPEATABLE READ
 * transaction; if a rebuild swapped and dropped the generation in between, the read starts again on the new one.
 * Before the projector made any generation, the state is empty.
 * @throws KpiReadModelUnavailableError when PostgreSQL cannot be reached.
 */
export async function loadActiveKpiState(options: PostgresReadModelConnection & { readonly schema: string }): Promise<KpiReadModelState> {
  assertReadModelSchemaName(options.schema);
  const { pool, owned } = borrowPool(options);
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await withReadModelClient(pool, `in PostgreSQL schema ${options.schema}`, (client) =>
          inTransaction(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (): Promise<KpiReadModelState> => {
            const pointer = await client.query<{ generation: number }>(
              `SELECT generation FROM ${quoted(options.schema)}.kpi_active_generation WHERE id = 1`,
            );
            const generation = pointer.rows[0]?.generation;
            if (generation === undefined) return { checkpoint: 0, snapshot: null };
            return readKpiState(client, postgresReadModelSql(`${options.schema}_g${generation}`));
          }),
        );
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        // No control table yet: no projector has started; a dropped generation: read the new pointer.
        if (typeof code === 'string' && DROPPED.has(code)) {
          if (attempt >= ATTEMPTS) return { checkpoint: 0, snapshot: null };
          continue;
        }
        throw error;
      }
    }
  } finally {
    if (owned) await pool.end();
  }
}
