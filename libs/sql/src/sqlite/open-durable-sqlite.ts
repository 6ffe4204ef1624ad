import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Migration } from '../migration.js';
import { migrateSqlite } from './migrate-sqlite.js';

/**
 * Opens (creating its folder if needed) a SQLite file the way every store of this project holds one: WAL, so readers
 * never block the writer, and `synchronous=FULL`, so that a committed transaction survives a power cut, not just a
 * crash (architecture.md, guarantee 1); then brings its schema up to date. `:memory:` for a throwaway database.
 * A statement waits up to `busyTimeoutMs` for another process's write lock before it fails with `SQLITE_BUSY`.
 */
export function openDurableSqlite(file: string, migrations: readonly Migration[], busyTimeoutMs = 5000): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    migrateSqlite(db, migrations);
    return db;
  } catch (error) {
    // A file that is no database (SQLITE_NOTADB) fails here: its handle must not outlive the failure.
    db.close();
    throw error;
  }
}
