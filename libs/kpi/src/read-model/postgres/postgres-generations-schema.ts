import type { Migration } from '@customs-pulse/sql';

/** Where the control schema records its applied migrations. */
export const GENERATIONS_MIGRATIONS_TABLE = 'kpi_generations_migrations';

/** The control schema's history. Append only: a shipped migration is never edited. */
export const postgresGenerationsMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create the active generation pointer',
    sql: `CREATE TABLE kpi_active_generation (
      id         integer PRIMARY KEY CHECK (id = 1),
      generation integer NOT NULL
    );`,
  },
];
