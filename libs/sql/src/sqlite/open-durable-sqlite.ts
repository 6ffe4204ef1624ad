import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Migration } from '../migration.js';
import { migrateSqlite } from './migrate-sqlite.js';

/**
 * When a SQLite file's writes reach the disk itself, not only the kernel's cache. Either way a crash of the process
 * loses nothing committed, and a power cut never tears a transaction: WAL keeps each commit whole.
 * - `'each-commit'` (`synchronous=FULL`): every COMMIT syncs the WAL before it returns, so a committed transaction
 *   survives a power cut (architecture.md, guarantee 1). The sync is a wait on the disk, on the thread that commits.
 * - `'checkpoints'` (`synchronous=NORMAL`): a COMMIT does not sync the pages it writes (only the WAL's header, when it
 *   starts the WAL anew after a checkpoint); the WAL is synced before each checkpoint copies it, by the connection
 *   that checkpoints: a `WalCheckpointer` thread's where one runs, off the event loop, else the COMMIT that passes
 *   SQLite's threshold. A power cut can take back the last commits, whole. For a store whose loss costs no evidence:
 *   the KPI read model, whose checkpoint is the log position its state stands for (guarantee 3), so that what a power
 *   cut takes back is projected again; the ingest quality tally, a count.
 */
export type SqliteSyncs = 'each-commit' | 'checkpoints';

export interface SqliteFileOptions {
  /** How long a statement waits for another process's write lock before it fails with `SQLITE_BUSY`. @defaultValue 5000 */
  readonly busyTimeoutMs?: number;
  /** @defaultValue `'each-commit'` */
  readonly syncs?: SqliteSyncs;
}

const SYNCHRONOUS: Readonly<Record<SqliteSyncs, string>> = { 'each-commit': 'FULL', checkpoints: 'NORMAL' };

/**
 * Opens (creating its folder if needed) a SQLite file the way every store of this project holds one: WAL, so readers
 * never block the writer, and synced as `options.syncs` says; then brings its schema up to date. `:memory:` for a
 * throwaway database.
 */
export function openDurableSqlite(file: string, migrations: readonly Migration[], options: SqliteFileOptions = {}): Database.Database {
  const { busyTimeoutMs = 5000, syncs = 'each-commit' } = options;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${SYNCHRONOUS[syncs]}`);
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    migrateSqlite(db, migrations);
    return db;
  } catch (error) {
    // A file that is no database (SQLITE_NOTADB) fails here: its handle must not outlive the failure.
    db.close();
    throw error;
  }
}
