import type Database from 'better-sqlite3';

import { DAY_MS } from '../../engine/bucket-time.js';
import { type BucketJson } from '../../engine/buckets.js';
import { type BucketHorizonsJson, type KpiEngineSnapshot } from '../../engine/engine-snapshot.js';
import { type DeclarationStateJson } from '../../engine/facts-json.js';
import { type StoredSubjectStates, type SubjectsToLoad } from '../../engine/kpi-engine.js';
import { bucketLineKeys, heldBucketRanges } from '../bucket-key-ranges.js';
import { byStart } from '../buckets-by-start.js';
import {
  type BucketLineAddress,
  type ClosedEpoch,
  type ColdState,
  type HotSelection,
  type KpiReadModelHistory,
  type KpiReadModelState,
} from '../read-model.port.js';
import { releasedPages } from '../released-pages.js';
import { bucketOfSqliteRow } from './sqlite-bucket-rows.js';
import { type SqliteEpochRow, type SqliteHistoryStatements, prepareHistoryStatements } from './sqlite-history-statements.js';
import { caseOfSqliteRow, declarationOfSqliteRow } from './sqlite-subject-rows.js';

/**
 * {@link KpiReadModelHistory} of the SQLite read model. Its reads need not wait for a commit's transaction on the
 * connection: a closed epoch's rows are never written again, and a row a commit writes over mid-transaction has its
 * version written in the same statement, so a read between two turns of the write sees each key once, as of the epoch.
 */
export class SqliteReadModelHistory implements KpiReadModelHistory {
  private readonly statements: SqliteHistoryStatements;

  constructor(private readonly db: Database.Database) {
    this.statements = prepareHistoryStatements(db);
  }

  epochAsOf(asOfMs: number): Promise<ClosedEpoch | null> {
    return read(() => {
      const row = this.statements.epochAsOf.get(asOfMs);
      return row === undefined ? null : { epoch: row.epoch, position: row.position, lastRecordedAt: row.last_recorded_at };
    });
  }

  loadAsOf(epoch: number, { openMaxDays, recentSince }: HotSelection): Promise<KpiReadModelState> {
    return read(() =>
      this.db.transaction((): KpiReadModelState => {
        const closed = this.epochRow(epoch);
        const horizons = closed.bucket_horizons === null ? null : (JSON.parse(closed.bucket_horizons) as BucketHorizonsJson);
        const bounds = { epoch, recentSince, openSince: closed.newest_event_at === null ? null : closed.newest_event_at - openMaxDays * DAY_MS };
        const { hotDeclarations, hotCases, bucketsInRange, buckets } = this.statements;
        const snapshot: KpiEngineSnapshot = {
          declarations: [...hotDeclarations.rows.all(bounds), ...hotDeclarations.versions.all(bounds)].map(declarationOfSqliteRow),
          cases: [...hotCases.rows.all(bounds), ...hotCases.versions.all(bounds)].map(caseOfSqliteRow),
          buckets: (horizons === null ? buckets.all({ epoch }) : heldBucketRanges(horizons).flatMap((range) => bucketsInRange.all({ ...range, epoch }))).map(
            bucketOfSqliteRow,
          ),
          quality: JSON.parse(closed.quality),
          ...(horizons === null ? {} : { bucketHorizons: horizons }),
        };
        return { checkpoint: closed.position, snapshot };
      }).deferred(),
    );
  }

  coldAsOf(epoch: number): ColdState {
    return new SqliteColdStateAsOf(this.db, this.statements, epoch);
  }

  /** @throws RangeError when `epoch` was never closed. */
  private epochRow(epoch: number): SqliteEpochRow {
    const row = this.statements.epoch.get(epoch);
    if (row === undefined) throw new RangeError(`the KPI read model never closed epoch ${epoch}`);
    return row;
  }
}

/** The cold reads (`ColdState`) as they would have answered right after `epoch` closed. */
class SqliteColdStateAsOf implements ColdState {
  constructor(
    private readonly db: Database.Database,
    private readonly statements: SqliteHistoryStatements,
    private readonly epoch: number,
  ) {}

  subjects(request: SubjectsToLoad): Promise<StoredSubjectStates> {
    const { epoch } = this;
    return read(() =>
      this.db.transaction(
        (): StoredSubjectStates => ({
          declarations: this.statements.declarationsNamed.all({ epoch, keys: JSON.stringify(request.declarations) }).map(declarationOfSqliteRow),
          cases: this.statements.casesNamed.all({ epoch, keys: JSON.stringify(request.cases) }).map(caseOfSqliteRow),
        }),
      ).deferred(),
    );
  }

  /** The rows' pages, then the versions' pages: the population is a set, each half keyset-paged on its own index. */
  async *releasedIn(from: number, to: number, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]> {
    const { epoch } = this;
    const { releasedPage, withoutHotKeysPage } = this.statements;
    for (const half of ['rows', 'versions'] as const) {
      yield* releasedPages(from, pageSize, {
        released: (afterAt, after, limit) => read(() => releasedPage[half].all({ epoch, to, afterAt, after, limit }).map(declarationOfSqliteRow)),
        withoutHotKeys: (after, limit) => read(() => withoutHotKeysPage[half].all({ epoch, after, limit }).map(declarationOfSqliteRow)),
      });
    }
  }

  bucketsNamed(keys: readonly string[]): Promise<BucketJson[]> {
    return read(() => this.statements.bucketsNamed.all({ epoch: this.epoch, keys: JSON.stringify(keys) }).map(bucketOfSqliteRow));
  }

  bucketsBetween(line: BucketLineAddress, from: number, to: number): Promise<BucketJson[]> {
    return this.bucketsNamed(bucketLineKeys(line, from, to)).then(byStart);
  }
}

/** A synchronous read as a promise, its failure a rejection. */
function read<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}
