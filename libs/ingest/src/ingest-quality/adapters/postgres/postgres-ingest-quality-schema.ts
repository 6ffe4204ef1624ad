import type { Migration } from '@customs-pulse/event-store';
import type pg from 'pg';

/** The PostgreSQL ingest quality tally's schema history. Append only: a shipped migration is never edited. */
export const postgresIngestQualityMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create the ingest quality tally',
    sql: `
      CREATE TABLE ingest_quality_totals (
        counter text   PRIMARY KEY,
        count   bigint NOT NULL
      );
      CREATE TABLE ingest_rejection_reasons (
        reason  text   PRIMARY KEY,
        count   bigint NOT NULL
      );
    `,
  },
];

/**
 * Creates the schema if needed and applies the migrations it lacks, recorded in a history of their own: the
 * event store's `schema_migrations` in the same schema numbers its own versions.
 */
export async function migrateIngestQualityTally(client: pg.ClientBase, schema: string): Promise<void> {
  await client.query('BEGIN');
  try {
    // The event store's migration lock: the two never create the schema at once (a race that fails one of them),
    // and several ingest workers starting together migrate once.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`customs-pulse/migrate/${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".ingest_quality_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM "${schema}".ingest_quality_migrations`);
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of postgresIngestQualityMigrations) {
      if (applied.has(migration.version)) continue;
      await client.query(`SET LOCAL search_path TO "${schema}"`);
      await client.query(migration.sql);
      await client.query(`INSERT INTO "${schema}".ingest_quality_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
