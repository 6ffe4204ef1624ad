// @customs-pulse/event-store/sqlite: the event store in one SQLite file (the standalone app); loads better-sqlite3.
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store.js';
