import { join } from 'node:path';
import { isTransientSqliteError } from '@customs-pulse/sql';
import { openDurableSqlite } from '@customs-pulse/sql/sqlite';
import type Database from 'better-sqlite3';

import { type JudgeCheckpoint, type JudgeCheckpointStore, JudgeCheckpointUnavailableError, decodedCheckpoint } from '../judge-checkpoint.port.js';

/** The file of the judge's checkpoint in the KPI read model's folder, beside (never inside) its generations. */
export const JUDGE_CHECKPOINT_FILE = 'alert-judge.sqlite';

const MIGRATIONS = [
  {
    version: 1,
    name: 'alert judge checkpoint',
    sql: `CREATE TABLE alert_judge_checkpoint (
      id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL, deferred TEXT NOT NULL) STRICT`,
  },
];

/**
 * The standalone judge's checkpoint: one row in a SQLite file of its own in the read model's folder. Not in a
 * generation, since a rebuild replaces generations and the judge's checkpoint must outlive them.
 */
export class SqliteJudgeCheckpointStore implements JudgeCheckpointStore {
  private constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {}

  /** Opens (creating if needed) `alert-judge.sqlite` in `directory`. */
  static open(directory: string): SqliteJudgeCheckpointStore {
    const file = join(directory, JUDGE_CHECKPOINT_FILE);
    return new SqliteJudgeCheckpointStore(openDurableSqlite(file, MIGRATIONS), file);
  }

  async load(): Promise<JudgeCheckpoint | null> {
    const row = this.run(() => this.db.prepare<[], { position: number; deferred: string }>('SELECT position, deferred FROM alert_judge_checkpoint').get());
    return row === undefined ? null : decodedCheckpoint(row.position, row.deferred, this.file);
  }

  async save({ position, deferred }: JudgeCheckpoint): Promise<void> {
    this.run(() =>
      this.db
        .prepare('INSERT INTO alert_judge_checkpoint (id, position, deferred) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position, deferred = excluded.deferred')
        .run(position, JSON.stringify(deferred)),
    );
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** A database the judge cannot reach for now (busy, locked, a failing disk) is an outage it waits out. */
  private run<T>(statement: () => T): T {
    try {
      return statement();
    } catch (error) {
      if (isTransientSqliteError(error)) throw new JudgeCheckpointUnavailableError(`${this.file} is unavailable: ${(error as Error).message}`, { cause: error });
      throw error;
    }
  }
}
