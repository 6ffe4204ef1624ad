import type { Migration } from '@customs-pulse/sql';

/** The control database's schema history. Append only: a shipped migration is never edited. */
export const sqliteGenerationsMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create the active generation pointer',
    sql: `CREATE TABLE kpi_active_generation (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      generation INTEGER NOT NULL
    ) STRICT;`,
  },
];
