import { migrateSqlite } from '@customs-pulse/sql/sqlite';
import Database from 'better-sqlite3';

import { KpiProjectionLeaseHeldError } from '../read-model-generations.port.js';
import { sqliteGenerationsMigrations } from './sqlite-generations-schema.js';

/**
 * How long an open waits for the lease. A holder keeps it for its whole life, so waiting longer would only delay
 * the refusal; this is enough for a holder that is exiting right now.
 */
const LEASE_WAIT_MS = 200;

/**
 * The small database beside the generations that holds the active pointer, and whose lock is the projection's
 * lease. Its connection runs in rollback-journal mode with `locking_mode=EXCLUSIVE`: after its first write
 * transaction it keeps the file's EXCLUSIVE lock until it closes, or its process dies, and the operating system
 * releases it. Another connection, in this process or another, cannot even read the file meanwhile.
 */
export class SqliteGenerationsControl {
  private readonly activeStatement: Database.Statement<[], { generation: number }>;
  private readonly pointStatement: Database.Statement<[number]>;

  private constructor(private readonly db: Database.Database) {
    this.activeStatement = db.prepare<[], { generation: number }>('SELECT generation FROM kpi_active_generation WHERE id = 1');
    this.pointStatement = db.prepare<[number]>(
      'INSERT INTO kpi_active_generation (id, generation) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET generation = excluded.generation',
    );
  }

  /**
   * Opens `file` (creating it), takes the lease and brings the schema up to date.
   * @throws KpiProjectionLeaseHeldError when another connection holds the lease; `where` names `leaseOf`.
   */
  static take(file: string, leaseOf: string): SqliteGenerationsControl {
    const db = new Database(file, { timeout: LEASE_WAIT_MS });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = DELETE');
      db.pragma('synchronous = FULL');
      // A write transaction, even an empty one, is what takes the EXCLUSIVE lock the locking mode then keeps.
      db.exec('BEGIN EXCLUSIVE; COMMIT');
      migrateSqlite(db, sqliteGenerationsMigrations);
    } catch (error) {
      db.close();
      if (isBusy(error)) throw new KpiProjectionLeaseHeldError(leaseOf);
      throw error;
    }
    return new SqliteGenerationsControl(db);
  }

  /** The active generation's number; `null` before the first. */
  activeGeneration(): number | null {
    return this.activeStatement.get()?.generation ?? null;
  }

  /** Points at `generation`; durable on return (`synchronous=FULL`, rollback journal). */
  setActiveGeneration(generation: number): void {
    this.pointStatement.run(generation);
  }

  /** Releases the lease. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
