export * from './recorded-event.js';
export * from './event-store.port.js';
export * from './expected-revision.js';
export * from './errors.js';
export * from './canonical-json.js';
export * from './hash-chain.js';
export type { Migration } from './migration.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './adapters/sqlite/sqlite-event-store.js';
export { openDurableSqlite } from './adapters/sqlite/open-durable-sqlite.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './adapters/postgres/postgres-event-store.js';
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './adapters/kurrentdb/kurrentdb-event-store.js';
export * from './event-store.module.js';
// The PostgreSQL conventions every adapter on the same database shares (ingest tally, KPI read model).
export { isTransientPostgresError } from './adapters/postgres/postgres-connection.js';
export { type MigrationHistory, migratePostgresSchema } from './adapters/postgres/postgres-schema.js';
