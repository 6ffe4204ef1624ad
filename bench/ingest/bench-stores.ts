import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore } from '@customs-pulse/event-store/postgres';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { type EventStore } from '@customs-pulse/event-store';
import { dropSchemas, uniqueSchemaName } from '@customs-pulse/testing';
import type { StoreKind } from './ingest-figures.js';

/**
 * A new, empty store for every measurement (so that `head()` counts only its events and nothing is a duplicate):
 * SQLite files in one temporary folder, PostgreSQL schemas in the bench database; all removed by {@link dispose}.
 */
export class BenchStores {
  private readonly folder = mkdtempSync(join(tmpdir(), 'customs-pulse-bench-ingest-'));
  private readonly schemas: string[] = [];
  private opened = 0;

  constructor(private readonly postgresUrl: string | undefined) {}

  async open(kind: StoreKind): Promise<EventStore> {
    return kind === 'SQLite'
      ? SqliteEventStore.open({ file: join(this.nextDataDir(), 'events.sqlite') })
      : PostgresEventStore.open({ connectionString: this.requirePostgres(), schema: this.nextSchema() });
  }

  /** The environment (`loadConfig`'s input) of a standalone app on a new, empty store. */
  appEnvironment(kind: StoreKind): Record<string, string> {
    const common = { DATA_DIR: this.nextDataDir(), PORT: '0' };
    if (kind === 'SQLite') return common;
    return { ...common, EVENT_STORE: 'postgres', DATABASE_URL: this.requirePostgres(), DATABASE_SCHEMA: this.nextSchema() };
  }

  async dispose(): Promise<void> {
    try {
      if (this.postgresUrl !== undefined) await dropSchemas(this.schemas);
    } finally {
      rmSync(this.folder, { recursive: true, force: true });
    }
  }

  private nextDataDir(): string {
    this.opened += 1;
    return join(this.folder, `store-${this.opened}`);
  }

  private nextSchema(): string {
    const schema = uniqueSchemaName('bench_ingest');
    this.schemas.push(schema);
    return schema;
  }

  private requirePostgres(): string {
    if (this.postgresUrl === undefined) throw new Error('PostgreSQL is unreachable; no PostgreSQL store can be opened');
    return this.postgresUrl;
  }
}
