import type pg from 'pg';
import type { Migration } from '../migration.js';

/** Where a schema's applied migrations are recorded; its name says whose they are, so owners never meet. */
export interface MigrationHistory {
  readonly schema: string;
  /** e.g. `schema_migrations` (the event store's), `kpi_read_model_migrations`: owners may share a schema. */
  readonly table: string;
  readonly migrations: readonly Migration[];
}

/**
 * Creates the schema if needed and applies the migrations `history` lacks, in one transaction. Several processes may
 * start at once, and several owners (event store, ingest tally, KPI read model) may share a schema: one advisory lock
 * per schema lets one migrate while the others wait and then find nothing left to do.
 */
export async function migratePostgresSchema(client: pg.ClientBase, history: MigrationHistory): Promise<void> {
  const { schema, table } = history;
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`customs-pulse/migrate/${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".${table} (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM "${schema}".${table}`);
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of history.migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(`SET LOCAL search_path TO "${schema}"`);
      await client.query(migration.sql);
      await client.query(`INSERT INTO "${schema}".${table} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
