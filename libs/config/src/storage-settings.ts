import { join } from 'node:path';
import type { PostgresSessionLimits } from '@customs-pulse/sql';
import { ConfigError } from './config-error.js';
import { oneOf, required, text, textOrDefault, type Environment } from './config-readers.js';
import { configDefault } from './config-variables.js';
import type { CustomsPulseConfig, PostgresDatabaseSettings } from './customs-pulse-config.js';

/** The adapters `EVENT_STORE` chooses from. */
const EVENT_STORE_ADAPTERS = ['sqlite', 'postgres', 'kurrentdb'] as const;

/** Where the events are kept, and the PostgreSQL database beside them. */
export type StorageSettings = Pick<CustomsPulseConfig, 'eventStore' | 'database'>;

/** The schemes the KurrentDB client accepts; `esdb` is EventStoreDB's, which it still takes. */
const KURRENTDB_URL = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/\S+$/;

/**
 * `EVENT_STORE` and what it needs: `DATABASE_URL` for PostgreSQL; `KURRENTDB_URL` and `DATABASE_URL` for KurrentDB,
 * which keeps the events only (the KPI read model and the ingest tally live in PostgreSQL).
 */
export function storageSettings(env: Environment, dataDir: string, sessionLimits: PostgresSessionLimits): StorageSettings {
  const adapter = oneOf(env, 'EVENT_STORE', EVENT_STORE_ADAPTERS, configDefault('EVENT_STORE'));
  switch (adapter) {
    case 'sqlite': {
      const url = text(env, 'DATABASE_URL');
      return { eventStore: { adapter, file: join(dataDir, 'events.sqlite') }, database: url === undefined ? undefined : database(env, url) };
    }
    case 'postgres': {
      const settings = database(env, required(env, 'DATABASE_URL', 'is required when EVENT_STORE=postgres'));
      return { eventStore: { adapter, ...settings, sessionLimits }, database: settings };
    }
    case 'kurrentdb': {
      const eventStore = { adapter, connectionString: kurrentDbUrl(env) };
      const problem = 'is required when EVENT_STORE=kurrentdb: the KPI read model and the ingest tally live in PostgreSQL';
      return { eventStore, database: database(env, required(env, 'DATABASE_URL', problem)) };
    }
  }
}

function database(env: Environment, connectionString: string): PostgresDatabaseSettings {
  return { connectionString, schema: textOrDefault(env, 'DATABASE_SCHEMA') };
}

function kurrentDbUrl(env: Environment): string {
  const url = required(env, 'KURRENTDB_URL', 'is required when EVENT_STORE=kurrentdb');
  if (!KURRENTDB_URL.test(url)) {
    throw new ConfigError('KURRENTDB_URL', `must be a KurrentDB connection string such as kurrentdb://host:2113?tls=false, got ${JSON.stringify(url)}`);
  }
  return url;
}
