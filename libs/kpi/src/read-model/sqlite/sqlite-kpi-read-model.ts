import type Database from 'better-sqlite3';

import { bucketKey } from '../../engine/bucket-key.js';
import { DAY_MS } from '../../engine/bucket-time.js';
import { type BucketJson } from '../../engine/buckets.js';
import { KpiReadModelUnloadableError } from '../unloadable-read-model-error.js';
import { type KpiEngineSnapshot } from '../../engine/engine-snapshot.js';
import { type ColdSubjects, type HotSelection, type KpiReadModel, type KpiReadModelCommit, type KpiReadModelState } from '../read-model.port.js';
import { StaleCheckpointError, assertCheckpointAdvances } from '../stale-checkpoint-error.js';
import { openDurableSqlite } from '@customs-pulse/sql/sqlite';
import { sqliteReadModelMigrations } from './sqlite-read-model-schema.js';
import { type SqliteReadModelStatements, prepareReadModelStatements } from './sqlite-read-model-statements.js';
import { SqliteColdSubjects } from './sqlite-cold-subjects.js';
import { caseOfSqliteRow, declarationOfSqliteRow, declarationValues } from './sqlite-subject-rows.js';

/** Options of {@link SqliteKpiReadModel.open}. */
export interface SqliteKpiReadModelOptions {
  /** The database file, apart from the event store's; its folder is created if missing. `:memory:` for a test. */
  readonly file: string;
}

/**
 * The standalone KPI read model: one SQLite file in WAL mode, `synchronous=FULL` so that a committed checkpoint
 * survives a power cut along with the state it stands for. The checkpoint's compare-and-set runs inside an
 * IMMEDIATE transaction, which holds the write lock from the compare to the commit: no other process can move it
 * in between.
 */
export class SqliteKpiReadModel implements KpiReadModel {
  private readonly statements: SqliteReadModelStatements;
  readonly cold: ColdSubjects;

  private constructor(private readonly db: Database.Database) {
    this.statements = prepareReadModelStatements(db);
    this.cold = new SqliteColdSubjects(db, this.statements);
  }

  /**
   * Opens (creating if needed) the read model in `options.file` and brings its schema up to date.
   * @throws KpiReadModelUnloadableError when the file is not a sound database (garbage in its place, a torn page).
   */
  static open(options: SqliteKpiReadModelOptions): SqliteKpiReadModel {
    try {
      return new SqliteKpiReadModel(openDurableSqlite(options.file, sqliteReadModelMigrations));
    } catch (error) {
      if (isCorrupt(error)) {
        throw new KpiReadModelUnloadableError(`the SQLite KPI read model ${options.file} does not open: ${(error as Error).message}`, { cause: error });
      }
      throw error;
    }
  }

  /** @throws KpiReadModelUnloadableError when a row is not JSON, or the file is not a sound database. */
  async load(hot?: HotSelection): Promise<KpiReadModelState> {
    try {
      return this.loadState(hot);
    } catch (error) {
      if (error instanceof SyntaxError || isCorrupt(error)) {
        throw new KpiReadModelUnloadableError(`the SQLite KPI read model does not load: ${(error as Error).message}`, { cause: error });
      }
      throw error;
    }
  }

  private loadState(hot: HotSelection | undefined): KpiReadModelState {
    // One read transaction, so that the state matches the checkpoint even while another process commits.
    return this.db.transaction((): KpiReadModelState => {
      const { position, quality } = this.statements.checkpoint.get()!;
      if (position === 0) return { checkpoint: 0, snapshot: null };
      const snapshot: KpiEngineSnapshot = {
        ...(hot === undefined ? this.allSubjects() : this.hotSubjects(hot)),
        buckets: this.statements.buckets.all().map(({ bucket }) => JSON.parse(bucket) as BucketJson),
        quality: JSON.parse(quality),
      };
      return { checkpoint: position, snapshot };
    }).deferred();
  }

  private allSubjects(): Pick<KpiEngineSnapshot, 'declarations' | 'cases'> {
    return {
      declarations: this.statements.declarations.all().map(declarationOfSqliteRow),
      cases: this.statements.cases.all().map(caseOfSqliteRow),
    };
  }

  private hotSubjects({ openMaxDays, recentSince }: HotSelection): Pick<KpiEngineSnapshot, 'declarations' | 'cases'> {
    const newest = this.statements.newestEvent.get()!;
    const newestEvent = Math.max(newest.declarations ?? Number.NEGATIVE_INFINITY, newest.cases ?? Number.NEGATIVE_INFINITY);
    const bounds = { recentSince, openSince: Number.isFinite(newestEvent) ? newestEvent - openMaxDays * DAY_MS : null };
    return {
      declarations: this.statements.hotDeclarations.all(bounds).map(declarationOfSqliteRow),
      cases: this.statements.hotCases.all(bounds).map(caseOfSqliteRow),
    };
  }

  async commit(change: KpiReadModelCommit): Promise<void> {
    assertCheckpointAdvances(change.expectedCheckpoint, change.checkpoint);
    const { dirty } = change;
    this.db.transaction(() => {
      const { position } = this.statements.checkpoint.get()!;
      if (position !== change.expectedCheckpoint) throw new StaleCheckpointError(change.expectedCheckpoint, position);
      for (const declaration of dirty.declarations) this.statements.upsertDeclaration.run(...declarationValues(declaration));
      for (const { subject, facts, hot } of dirty.cases) this.statements.upsertCase.run(subject, JSON.stringify(facts), hot?.lastEventAt ?? null);
      // The engine keeps a bucket that empties (all counters 0) and drains it as such: written over, never deleted.
      for (const bucket of dirty.buckets) {
        this.statements.upsertBucket.run(bucketKey({ ...bucket, start: Date.parse(bucket.start) }), JSON.stringify(bucket));
      }
      this.statements.moveCheckpoint.run(change.checkpoint, JSON.stringify(dirty.quality));
    }).immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** SQLite's own word that the file is damaged or not a database. */
function isCorrupt(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}
