import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { KurrentDbEventStore } from '../adapters/kurrentdb/kurrentdb-event-store.js';
import { PostgresEventStore } from '../adapters/postgres/postgres-event-store.js';
import { SqliteEventStore } from '../adapters/sqlite/sqlite-event-store.js';
import { EVENT_STORE, type EventStore } from '../event-store.port.js';
import type { EventStoreSettings } from '../event-store-settings.js';

@Injectable()
class EventStoreShutdown implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Provides `EVENT_STORE` to the whole app and closes it when the app shuts down. */
@Module({})
export class EventStoreModule {
  /**
   * @param wrap - what the app reads and writes instead of the store opened: an end-to-end test holds the log back
   *   with it (libs/testing's `EventLogGate`). @defaultValue the store itself
   */
  static forRoot(settings: EventStoreSettings, clock?: { now(): Date }, wrap?: (store: EventStore) => EventStore): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        { provide: EVENT_STORE, useFactory: async () => (wrap ?? ((store: EventStore) => store))(await openEventStore(settings, clock)) },
        EventStoreShutdown,
      ],
      exports: [EVENT_STORE],
    };
  }
}

/** Opens the configured adapter, migrating its schema where it has one (SQLite, PostgreSQL). */
export async function openEventStore(settings: EventStoreSettings, clock?: { now(): Date }): Promise<EventStore> {
  const clockOption = clock ? { clock } : {};
  switch (settings.adapter) {
    case 'sqlite':
      return SqliteEventStore.open({ file: settings.file, ...clockOption });
    case 'postgres':
      return PostgresEventStore.open({
        connectionString: settings.connectionString,
        ...(settings.schema ? { schema: settings.schema } : {}),
        ...(settings.sessionLimits ? { sessionLimits: settings.sessionLimits } : {}),
        ...clockOption,
      });
    case 'kurrentdb':
      return KurrentDbEventStore.open({ connectionString: settings.connectionString, ...clockOption });
  }
}
