import type { Migration } from '@customs-pulse/sql';
import type { MigrationHistory } from '@customs-pulse/sql/postgres';

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
 * Where the tally records its migrations in `schema`: a history of its own, since the event store's
 * `schema_migrations` in the same schema numbers its own versions.
 */
export function ingestQualityHistory(schema: string): MigrationHistory {
  return { schema, table: 'ingest_quality_migrations', migrations: postgresIngestQualityMigrations };
}
