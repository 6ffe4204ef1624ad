import type pg from 'pg';
import { isTransientPostgresError, migratePostgresSchema } from '@customs-pulse/sql/postgres';

import { GenerationLifecycle } from '../generation-lifecycle.js';
import { type GenerationStorage } from '../generation-storage.js';
import { KpiReadModelUnavailableError } from '../read-model-unavailable-error.js';
import { GENERATIONS_MIGRATIONS_TABLE, postgresGenerationsMigrations } from './postgres-generations-schema.js';
import { PostgresKpiReadModel } from './postgres-kpi-read-model.js';
import { type PostgresReadModelConnection, borrowPool } from './postgres-pool.js';
import { PostgresProjectionLease } from './postgres-projection-lease.js';
import { generationSchema } from './postgres-active-generation.js';
import { assertReadModelSchemaName, quoted } from './postgres-schema-name.js';

/** Options of {@link PostgresKpiReadModelGenerations.open}. */
export type PostgresKpiReadModelGenerationsOptions = PostgresReadModelConnection & {
  /**
   * The control schema, holding the active generation's number; generation `n` lives in schema `<schema>_g<n>`.
   * Created if missing.
   */
  readonly schema: string;
};

/**
 * The distributed KPI read model generations: one PostgreSQL schema per generation, and a control schema holding the
 * active generation's number. The projection's lease is a session advisory lock held for as long as this adapter
 * is open, on a connection of its own (the pool's settings, outside the pool).
 */
export class PostgresKpiReadModelGenerations extends GenerationLifecycle {
  /**
   * Takes the lease on `options.schema`, then creates the control schema if needed and brings it up to date.
   * Generations are opened (and leftovers dropped) by `active()` and `fresh()`.
   * @throws KpiProjectionLeaseHeldError when another session holds the lease.
   * @throws KpiReadModelUnavailableError when PostgreSQL cannot be reached.
   */
  static async open(options: PostgresKpiReadModelGenerationsOptions): Promise<PostgresKpiReadModelGenerations> {
    const { schema } = options;
    assertReadModelSchemaName(schema);
    const { pool, owned } = borrowPool(options);
    let lease: PostgresProjectionLease | null = null;
    try {
      lease = await PostgresProjectionLease.take(pool, schema);
      await migratePostgresSchema(lease.client, { schema, table: GENERATIONS_MIGRATIONS_TABLE, migrations: postgresGenerationsMigrations });
    } catch (error) {
      await lease?.release();
      if (owned) await pool.end();
      if (!isTransientPostgresError(error)) throw error;
      throw new KpiReadModelUnavailableError(`cannot open the KPI read model generations in PostgreSQL schema ${schema}`, { cause: error });
    }
    const storage = postgresGenerationStorage(schema, lease, pool, async () => {
      await lease.release();
      if (owned) await pool.end();
    });
    return new PostgresKpiReadModelGenerations(storage);
  }
}

function postgresGenerationStorage(
  schema: string,
  lease: PostgresProjectionLease,
  pool: pg.Pool,
  release: () => Promise<void>,
): GenerationStorage {
  const control = `${quoted(schema)}.kpi_active_generation`;
  const schemaOf = (generation: number): string => generationSchema(schema, generation);
  return {
    where: `PostgreSQL schema ${schema}`,
    activeGeneration: async () => {
      const [row] = await lease.query<{ generation: number }>(`SELECT generation FROM ${control} WHERE id = 1`);
      return row?.generation ?? null;
    },
    // One statement: one transaction.
    setActiveGeneration: async (generation) => {
      await lease.query(
        `INSERT INTO ${control} (id, generation) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET generation = excluded.generation`,
        [generation],
      );
    },
    storedGenerations: async () => {
      const rows = await lease.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname ~ $1', [`^${schema}_g[0-9]+$`]);
      return rows.map((row) => Number(row.nspname.slice(schema.length + 2))).sort((a, b) => a - b);
    },
    openGeneration: (generation) => PostgresKpiReadModel.open({ pool, schema: schemaOf(generation) }),
    deleteGeneration: async (generation) => {
      await lease.query(`DROP SCHEMA IF EXISTS ${quoted(schemaOf(generation))} CASCADE`);
    },
    release,
  };
}
