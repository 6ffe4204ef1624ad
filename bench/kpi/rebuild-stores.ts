import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore } from '@customs-pulse/event-store';
import { PostgresEventStore } from '@customs-pulse/event-store/postgres';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { dropSchemas, uniqueSchemaName } from '@customs-pulse/testing';

import { probePostgres } from '../ingest/postgres-probe.js';

/** An event store to rebuild from, what it is, and how to remove it. */
export interface BenchStore {
  readonly name: 'SQLite' | 'PostgreSQL';
  readonly store: EventStore;
  readonly description: string;
  dispose(): Promise<void>;
}

/** A SQLite event store in a fresh temporary folder, removed on dispose. */
export function openSqliteStore(): BenchStore {
  const folder = mkdtempSync(join(tmpdir(), 'customs-pulse-bench-kpi-'));
  const store = SqliteEventStore.open({ file: join(folder, 'events.sqlite') });
  return {
    name: 'SQLite',
    store,
    description: `SQLite event store in ${tmpdir()} (WAL, synchronous=FULL)`,
    async dispose() {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A PostgreSQL event store in a unique schema, dropped on dispose; the reason when the server does not answer. */
export async function openPostgresStore(): Promise<BenchStore | { readonly unreachable: string }> {
  const server = await probePostgres();
  if ('notMeasured' in server) return { unreachable: server.notMeasured };
  const schema = uniqueSchemaName('bench_kpi');
  let store: PostgresEventStore;
  try {
    store = await PostgresEventStore.open({ connectionString: server.connectionString, schema });
  } catch (error) {
    await dropSchemas([schema]);
    throw error;
  }
  return {
    name: 'PostgreSQL',
    store,
    description: `PostgreSQL ${server.description}, schema dropped afterwards`,
    async dispose() {
      await store.close();
      await dropSchemas([schema]);
    },
  };
}
