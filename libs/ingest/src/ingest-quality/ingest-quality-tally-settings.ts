import { dirname, join } from 'node:path';
import type { EventStoreSettings } from '@customs-pulse/event-store';

/** Which adapter backs the {@link IngestQualityTally} port: chosen by configuration, like the event store's. */
export type IngestQualityTallySettings =
  | { readonly adapter: 'sqlite'; readonly file: string }
  | { readonly adapter: 'postgres'; readonly connectionString: string; readonly schema?: string }
  | { readonly adapter: 'memory' };

/** The tally's file in the standalone app's data folder, next to the event store's. */
export const INGEST_QUALITY_FILE_NAME = 'ingest-quality.sqlite';

/**
 * The tally that goes with an event store (`EVENT_STORE`): on SQLite, a file of its own next to the store's (in
 * `DATA_DIR`); on PostgreSQL, tables in the store's database and schema, shared by every ingest worker. No setting
 * of its own: wherever the events are kept, so are the counts of those turned away.
 */
export function ingestQualityTallySettingsFor(eventStore: EventStoreSettings): IngestQualityTallySettings {
  if (eventStore.adapter === 'postgres') {
    const { connectionString, schema } = eventStore;
    return { adapter: 'postgres', connectionString, ...(schema === undefined ? {} : { schema }) };
  }
  const file = eventStore.file === ':memory:' ? ':memory:' : join(dirname(eventStore.file), INGEST_QUALITY_FILE_NAME);
  return { adapter: 'sqlite', file };
}
