import type { Migration } from '@customs-pulse/sql';

/** The SQLite ingest quality tally's schema history. Append only: a shipped migration is never edited. */
export const sqliteIngestQualityMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create the ingest quality tally',
    sql: `
      CREATE TABLE ingest_quality_totals (
        counter TEXT    PRIMARY KEY,
        count   INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE ingest_rejection_reasons (
        reason  TEXT    PRIMARY KEY,
        count   INTEGER NOT NULL
      ) STRICT;
    `,
  },
];
