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
  {
    version: 2,
    // As the SQLite read model's migration 3: the hot keys in indexed columns, NULL in the rows written before. The
    // subject is indexed in the "C" collation, the order ColdSubjects.releasedIn pages in, so that a page's subjects
    // come from the indexes alone; byte order is also SQLite's, so both read models page alike. The rows without hot
    // keys have an index of their own: PostgreSQL reads (last_event_at, subject) in subject order for an equality on
    // last_event_at, not for IS NULL, and would sort every such row for each page.
    name: 'keep the hot keys of declarations and cases in indexed columns',
    sql: `
      ALTER TABLE kpi_declarations ADD COLUMN last_event_at bigint, ADD COLUMN open boolean, ADD COLUMN released_at bigint;
      ALTER TABLE kpi_cases ADD COLUMN last_event_at bigint;
      CREATE INDEX kpi_declarations_by_last_event ON kpi_declarations (last_event_at);
      CREATE INDEX kpi_declarations_without_hot_keys ON kpi_declarations (subject COLLATE "C") WHERE last_event_at IS NULL;
      CREATE INDEX kpi_declarations_by_release ON kpi_declarations (released_at, subject COLLATE "C");
      CREATE INDEX kpi_cases_by_last_event ON kpi_cases (last_event_at);
    `,
  },
  {
    version: 3,
    // The bucket horizons (engine-snapshot.ts, BucketHorizonsJson) with the checkpoint, NULL when none. Bucket keys in
    // the "C" collation, so that their index answers ranges in byte order, where a key's start sorts as its time
    // (bucket-key-ranges.ts): a language's collation would weigh the '|' and '-' apart. Only the key's index is
    // rebuilt; equality, and so every upsert, is the same in either collation.
    name: 'keep the bucket horizons with the checkpoint, and bucket keys in byte order',
    sql: `
      ALTER TABLE kpi_checkpoint ADD COLUMN bucket_horizons json;
      ALTER TABLE kpi_buckets ALTER COLUMN bucket_key TYPE text COLLATE "C";
    `,
  },
];
