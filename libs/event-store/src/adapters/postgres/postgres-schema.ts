import type pg from 'pg';
import type { Migration } from '../../migration.js';

/** The PostgreSQL event log's schema history. Append only: a shipped migration is never edited. */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create the event log',
    sql: `
      CREATE TABLE event_log (
        position     bigint      PRIMARY KEY,
        stream       text        NOT NULL,
        revision     bigint      NOT NULL,
        source       text        NOT NULL,
        id           text        NOT NULL,
        type         text        NOT NULL,
        subject      text        NOT NULL,
        time         timestamptz NOT NULL,
        data         json        NOT NULL,
        extensions   json        NOT NULL,
        recorded_at  timestamptz NOT NULL,
        content_hash text        NOT NULL,
        hash         text        NOT NULL,
        CONSTRAINT event_log_stream_revision UNIQUE (stream, revision),
        CONSTRAINT event_log_source_id UNIQUE (source, id)
      );
    `,
  },
];

/**
 * Creates the schema if needed and applies the migrations it lacks. Several processes may start at once: an
 * advisory lock lets one migrate while the others wait and then find nothing left to do.
 */
export async function migratePostgres(
  client: pg.ClientBase,
  schema: string,
  migrations: readonly Migration[] = postgresMigrations,
): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`customs-pulse/migrate/${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations`);
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(`SET LOCAL search_path TO "${schema}"`);
      await client.query(migration.sql);
      await client.query(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES ($1, $2)`, [
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
