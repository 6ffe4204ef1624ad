import { type KpiReadModelState } from '../read-model.port.js';
import { readKpiState } from './postgres-kpi-read-model.js';
import { inTransaction, withReadModelClient } from './postgres-client.js';
import { type PostgresReadModelConnection, borrowPool } from './postgres-pool.js';
import { postgresReadModelSql } from './postgres-read-model-sql.js';
import { assertReadModelSchemaName } from './postgres-schema-name.js';
import { activeGeneration, generationSchema, isNotThere } from './postgres-active-generation.js';

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
            const generation = await activeGeneration(client, options.schema);
            if (generation === null) return { checkpoint: 0, snapshot: null };
            return readKpiState(client, postgresReadModelSql(generationSchema(options.schema, generation)));
          }),
        );
      } catch (error) {
        // No control table yet: no projector has started; a dropped generation: read the new pointer.
        if (isNotThere(error)) {
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
