import type { Migration } from '@customs-pulse/sql';

/** Where the PostgreSQL read model records its applied migrations, in its own schema. */
export const READ_MODEL_MIGRATIONS_TABLE = 'kpi_read_model_migrations';

/**
 * The PostgreSQL KPI read model's schema history. Append only: a shipped migration is never edited. Tables and keys
 * are the SQLite read model's: declarations and cases by subject, buckets by `bucketKey`, the quality counters
 * whole in the checkpoint row.
 *
 * The engine's JSON is stored as `json`, not `jsonb`: nothing ever queries inside it, so `jsonb`'s decomposition
 * on every write of thousands of rows would buy nothing, while `json` is still checked on the way in and keeps the
 * text the engine wrote, key order and all.
 */
export const postgresReadModelMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create the KPI read model',
    sql: `
      CREATE TABLE kpi_checkpoint (
        id       integer PRIMARY KEY CHECK (id = 1),
        position bigint  NOT NULL,
        quality  json    NOT NULL
      );
      INSERT INTO kpi_checkpoint (id, position, quality) VALUES (1, 0, '{}');
      CREATE TABLE kpi_declarations (subject text PRIMARY KEY, facts json NOT NULL);
      CREATE TABLE kpi_cases (subject text PRIMARY KEY, facts json NOT NULL);
      CREATE TABLE kpi_buckets (bucket_key text PRIMARY KEY, bucket json NOT NULL);
    `,
  },
];
