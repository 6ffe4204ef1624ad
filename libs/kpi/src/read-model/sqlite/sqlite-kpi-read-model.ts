import type Database from 'better-sqlite3';

import { bucketKey } from '../../engine/bucket-key.js';
import { DAY_MS } from '../../engine/bucket-time.js';
import { type BucketJson } from '../../engine/buckets.js';
import { KpiReadModelUnloadableError } from '../unloadable-read-model-error.js';
import { type BucketHorizonsJson, type KpiEngineSnapshot } from '../../engine/engine-snapshot.js';
import { heldBucketRanges } from '../bucket-key-ranges.js';
import { type ColdState, type HotSelection, type KpiReadModel, type KpiReadModelHistory, type KpiReadModelCommit, type KpiReadModelState } from '../read-model.port.js';
import { StaleCheckpointError, assertCheckpointAdvances } from '../stale-checkpoint-error.js';
import { assertHorizonsNameTheirSlices, assertWrittenAfterEveryChange } from '../written-before.js';
import { EventLoopTurns } from '@customs-pulse/event-store';
import { WalCheckpointer, type WalCheckpointerLogger, openDurableSqlite } from '@customs-pulse/sql/sqlite';
import { sqliteReadModelMigrations } from './sqlite-read-model-schema.js';
import { type SqliteReadModelStatements, newestEventAt, prepareReadModelStatements } from './sqlite-read-model-statements.js';
import { bucketOfSqliteRow } from './sqlite-bucket-rows.js';
import { SqliteColdState } from './sqlite-cold-state.js';
import { SqliteReadModelHistory } from './sqlite-read-model-history.js';
import { caseOfSqliteRow, caseValues, declarationOfSqliteRow, declarationValues } from './sqlite-subject-rows.js';

/** Options of {@link SqliteKpiReadModel.open}. */
export interface SqliteKpiReadModelOptions {
  /** The database file, apart from the event store's; its folder is created if missing. `:memory:` for a test. */
  readonly file: string;
  /**
   * Where the WAL checkpointer thread's failure is reported (the connection then checkpoints in its commits again).
   * @defaultValue Node's `process.emitWarning`
   */
  readonly logger?: WalCheckpointerLogger;
}

const PROCESS_WARNINGS: WalCheckpointerLogger = { error: (message) => process.emitWarning(message) };

/**
 * The connection's page cache, in KiB (SQLite's default: 2,000). A commit's pages beyond it are spilled to the WAL as
 * its rows are written, between event-loop turns; the COMMIT writes the rest in one stretch, which with the default
 * held the event loop 40 to 45 ms per catch-up commit of the history bench's rebuild; with this, none of its stalls
 * over 30 ms was a COMMIT. It costs a rebuild about 8 % (README, "The event loop").
 */
const PAGE_CACHE_KIB = 512;

/**
 * The standalone KPI read model: one SQLite file in WAL mode. Its commits do not sync what they write; the checkpointer
 * thread syncs the WAL before each checkpoint (`syncs: 'checkpoints'`): the sync in a catch-up commit's COMMIT held
 * the event loop 50 to 60 ms, over guarantee 7's bound. (A commit that starts the WAL anew after a checkpoint still
 * syncs its header, a few bytes.) A power cut can take back the last commits, each whole with its checkpoint
 * (guarantee 3), and the projector projects their events again; the alert judge then judges those batches again and
 * raises nothing twice, its alerts' ids being deterministic (guarantee 9). The checkpoint's compare-and-set runs
 * inside an IMMEDIATE transaction, which holds the write lock from the compare to the commit: no other process can
 * move it in between. A commit is written a row at a time with event-loop turns between (architecture.md, guarantee
 * 7): other connections read the last committed state throughout (WAL), and on this one nothing else runs until the
 * transaction ends. The WAL is copied into the database file by a {@link WalCheckpointer} thread, not by the COMMIT.
 */
export class SqliteKpiReadModel implements KpiReadModel {
  private readonly statements: SqliteReadModelStatements;
  readonly cold: ColdState;
  readonly history: KpiReadModelHistory;
  /**
   * The work on this connection, one at a time: a commit's transaction spans event-loop turns, and a load, commit,
   * cold read or close on the same connection meanwhile would run inside it.
   */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: Database.Database,
    /** None for `:memory:`, which has no WAL. */
    private readonly checkpointer: WalCheckpointer | undefined,
  ) {
    this.statements = prepareReadModelStatements(db);
    this.cold = new SqliteColdState(db, this.statements, (work) => this.exclusively(work));
    this.history = new SqliteReadModelHistory(db, (work) => this.exclusively(work));
  }

  /**
   * Opens (creating if needed) the read model in `options.file` and brings its schema up to date.
   * @throws KpiReadModelUnloadableError when the file is not a sound database (garbage in its place, a torn page).
   */
  static open(options: SqliteKpiReadModelOptions): SqliteKpiReadModel {
    try {
      const db = openDurableSqlite(options.file, sqliteReadModelMigrations, { syncs: 'checkpoints' });
      db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
      const checkpointer = db.memory ? undefined : WalCheckpointer.start(db, options.logger ?? PROCESS_WARNINGS);
      return new SqliteKpiReadModel(db, checkpointer);
    } catch (error) {
      if (isCorrupt(error)) {
        throw new KpiReadModelUnloadableError(`the SQLite KPI read model ${options.file} does not open: ${(error as Error).message}`, { cause: error });
      }
      throw error;
    }
  }

  /**
   * @throws KpiReadModelUnloadableError when a row is not JSON, the file is not a sound database, or the read model was
   * written before a change this build needs (written-before.ts).
   */
  load(hot?: HotSelection): Promise<KpiReadModelState> {
    return this.exclusively(() => {
      try {
        return this.loadState(hot);
      } catch (error) {
        if (error instanceof SyntaxError || isCorrupt(error)) {
          throw new KpiReadModelUnloadableError(`the SQLite KPI read model does not load: ${(error as Error).message}`, { cause: error });
        }
        throw error;
      }
    });
  }

  private loadState(hot: HotSelection | undefined): KpiReadModelState {
    // One read transaction, so that the state matches the checkpoint even while another process commits.
    return this.db.transaction((): KpiReadModelState => {
      const { position, quality, bucket_horizons, written_before } = this.statements.checkpoint.get()!;
      assertWrittenAfterEveryChange(written_before, 'the SQLite KPI read model');
      if (position === 0) return { checkpoint: 0, snapshot: null };
      // Horizons only for a bounded engine's start: an engine loading every bucket carries no backlog, and names
      // every slice from the buckets themselves.
      const horizons = hot === undefined || bucket_horizons === null ? null : (JSON.parse(bucket_horizons) as BucketHorizonsJson);
      assertHorizonsNameTheirSlices(horizons, 'the SQLite KPI read model');
      const snapshot: KpiEngineSnapshot = {
        ...(hot === undefined ? this.allSubjects() : this.hotSubjects(hot)),
        buckets: horizons === null ? this.statements.buckets.all().map(bucketOfSqliteRow) : this.heldBuckets(horizons),
        quality: JSON.parse(quality),
        ...(horizons === null ? {} : { bucketHorizons: horizons }),
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
    const newest = newestEventAt(this.statements);
    const bounds = { recentSince, openSince: newest === null ? null : newest - openMaxDays * DAY_MS };
    return {
      declarations: this.statements.hotDeclarations.all(bounds).map(declarationOfSqliteRow),
      cases: this.statements.hotCases.all(bounds).map(caseOfSqliteRow),
    };
  }

  /** The buckets from the horizons on: one range of the key's index per measure and granularity. */
  private heldBuckets(horizons: BucketHorizonsJson): BucketJson[] {
    return heldBucketRanges(horizons).flatMap((range) => this.statements.bucketsInRange.all(range).map(bucketOfSqliteRow));
  }

  async commit(change: KpiReadModelCommit): Promise<void> {
    assertCheckpointAdvances(change.expectedCheckpoint, change.checkpoint);
    await this.exclusively(() => this.write(change));
  }

  /** Waits for the commit in flight; then the checkpointer, once this connection is closed, empties the WAL. */
  close(): Promise<void> {
    return this.exclusively(async () => {
      if (this.db.open) this.db.close();
      await this.checkpointer?.stop();
    });
  }

  /**
   * One IMMEDIATE transaction, opened by hand since it spans event-loop turns: a catch-up commit writes tens of
   * thousands of rows, 0.4 s in one stretch. Whatever fails in it rolls all of it back.
   */
  private async write({ expectedCheckpoint, checkpoint, dirty, closesEpoch }: KpiReadModelCommit): Promise<void> {
    const { statements } = this;
    const turns = new EventLoopTurns();
    statements.beginImmediate.run();
    try {
      const { position, epoch } = statements.checkpoint.get()!;
      if (position !== expectedCheckpoint) throw new StaleCheckpointError(expectedCheckpoint, position);
      for (const declaration of dirty.declarations) {
        statements.upsertDeclaration.run(...declarationValues(declaration), epoch);
        if (turns.due) await turns.give();
      }
      for (const state of dirty.cases) {
        statements.upsertCase.run(...caseValues(state), epoch);
        if (turns.due) await turns.give();
      }
      // The engine keeps a bucket that empties (all counters 0) and drains it as such: written over, never deleted.
      for (const bucket of dirty.buckets) {
        statements.upsertBucket.run(bucketKey({ ...bucket, start: Date.parse(bucket.start) }), JSON.stringify(bucket), epoch);
        if (turns.due) await turns.give();
      }
      if (dirty.bucketHorizons !== undefined) {
        statements.storeBucketHorizons.run(dirty.bucketHorizons === null ? null : JSON.stringify(dirty.bucketHorizons));
      }
      statements.moveCheckpoint.run(checkpoint, JSON.stringify(dirty.quality));
      // After every row of the epoch, in the stretch that commits: a history read on this connection between two
      // turns of the write never sees an epoch closed before its rows are all written.
      if (closesEpoch !== undefined) {
        statements.closeEpoch.run({ lastRecordedAt: Date.parse(closesEpoch.lastRecordedAt), newestEventAt: newestEventAt(statements) });
        statements.openNextEpoch.run();
      }
      statements.commit.run();
    } catch (error) {
      if (this.db.inTransaction) statements.rollback.run();
      throw error;
    }
    this.checkpointer?.checkpointSoon();
  }

  private exclusively<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** SQLite's own word that the file is damaged or not a database. */
function isCorrupt(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}
