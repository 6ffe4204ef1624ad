import { dirname, join } from 'node:path';
import type { EventStoreSettings } from '@customs-pulse/event-store';

/** Which adapter backs the {@link IngestQualityTally} port: chosen by configuration, like the event store's. */
export type IngestQualityTallySettings =
  | { readonly adapter: 'sqlite'; readonly file: string }
  | { readonly adapter: 'postgres'; readonly connectionString: string; readonly schema?: string }
  | { readonly adapter: 'memory' };

/** The PostgreSQL database beside the event store (`DATABASE_URL`, `DATABASE_SCHEMA`). */
export interface IngestQualityDatabase {
  readonly connectionString: string;
  readonly schema: string;
}

/** The tally's file in the standalone app's data folder, next to the event store's. */
export const INGEST_QUALITY_FILE_NAME = 'ingest-quality.sqlite';

/**
 * The tally that goes with an event store (`EVENT_STORE`): on SQLite, a file of its own next to the store's (in
 * `DATA_DIR`); on PostgreSQL, tables in the store's database and schema, shared by every ingest worker; beside
 * KurrentDB, which keeps events only, tables in the PostgreSQL `database` (the config's `database`). No setting of
 * its own: the counts of the events turned away are kept with the events, or as near to them as can be.
 * @throws RangeError for a KurrentDB store without a `database` (`loadConfig` requires `DATABASE_URL` then).
 */
export function ingestQualityTallySettingsFor(eventStore: EventStoreSettings, database?: IngestQualityDatabase): IngestQualityTallySettings {
  switch (eventStore.adapter) {
    case 'postgres': {
      const { connectionString, schema } = eventStore;
      return { adapter: 'postgres', connectionString, ...(schema === undefined ? {} : { schema }) };
    }
    case 'kurrentdb':
      if (database === undefined) throw new RangeError('the ingest tally beside a KurrentDB event store lives in PostgreSQL: DATABASE_URL is required');
      return { adapter: 'postgres', connectionString: database.connectionString, schema: database.schema };
    case 'sqlite': {
      const file = eventStore.file === ':memory:' ? ':memory:' : join(dirname(eventStore.file), INGEST_QUALITY_FILE_NAME);
      return { adapter: 'sqlite', file };
    }
  }
}
