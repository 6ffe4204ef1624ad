// SQLite plumbing that the SQLite adapters share; loads better-sqlite3.
export { openDurableSqlite, type SqliteFileOptions } from './open-durable-sqlite.js';
export { migrateSqlite } from './migrate-sqlite.js';
export { WalCheckpointer, type WalCheckpointerLogger } from './wal-checkpointer.js';
