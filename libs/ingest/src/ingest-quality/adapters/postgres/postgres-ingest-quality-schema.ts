import { type Migration, migratePostgresSchema } from '@customs-pulse/event-store';
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
  await migratePostgresSchema(client, { schema, table: 'ingest_quality_migrations', migrations: postgresIngestQualityMigrations });
}
