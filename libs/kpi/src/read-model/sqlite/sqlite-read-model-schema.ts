import type { Migration } from '@customs-pulse/event-store';

/**
 * The SQLite KPI read model's schema history. Append only: a shipped migration is never edited. Rows hold the
 * engine's JSON as is (engine-snapshot.ts), keyed as `drainDirty` writes them over: declarations and cases by
 * subject, buckets by `bucketKey`. The checkpoint row also holds the quality counters, which are drained whole.
 */
export const sqliteReadModelMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create the KPI read model',
    sql: `
      CREATE TABLE kpi_checkpoint (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        position   INTEGER NOT NULL,
        quality    TEXT    NOT NULL
      ) STRICT;
      INSERT INTO kpi_checkpoint (id, position, quality) VALUES (1, 0, '{}');
      CREATE TABLE kpi_declarations (subject TEXT PRIMARY KEY, facts TEXT NOT NULL) STRICT, WITHOUT ROWID;
      CREATE TABLE kpi_cases (subject TEXT PRIMARY KEY, facts TEXT NOT NULL) STRICT, WITHOUT ROWID;
      CREATE TABLE kpi_buckets (bucket_key TEXT PRIMARY KEY, bucket TEXT NOT NULL) STRICT, WITHOUT ROWID;
    `,
  },
];
