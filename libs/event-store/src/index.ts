export * from './recorded-event.js';
export * from './event-store.port.js';
export * from './expected-revision.js';
export * from './errors.js';
export * from './canonical-json.js';
export * from './hash-chain.js';
export type { Migration } from './migration.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './adapters/sqlite/sqlite-event-store.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './adapters/postgres/postgres-event-store.js';
