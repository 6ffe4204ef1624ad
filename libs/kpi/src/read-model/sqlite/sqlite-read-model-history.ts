import type Database from 'better-sqlite3';
import { EventLoopTurns } from '@customs-pulse/event-store';

import { DAY_MS } from '../../engine/bucket-time.js';
import { type BucketJson } from '../../engine/buckets.js';
import { type BucketHorizonsJson, type KpiEngineSnapshot } from '../../engine/engine-snapshot.js';
import { type CaseStateJson, type DeclarationStateJson } from '../../engine/facts-json.js';
import { type StoredSubjectStates, type SubjectsToLoad } from '../../engine/kpi-engine.js';
import { bucketLineKeys, bucketRangesAsOf, horizonsLoaded } from '../bucket-key-ranges.js';
import { byStart } from '../buckets-by-start.js';
import {
  type BucketLineAddress,
  type ClosedEpoch,
  type ColdState,
  type EpochLoad,
  type HotSelection,
  type KpiReadModelHistory,
  type KpiReadModelState,
} from '../read-model.port.js';
import { releasedOnceEach, releasedPages } from '../released-pages.js';
import { bucketOfSqliteRow } from './sqlite-bucket-rows.js';
import { type SqliteEpochRow, type SqliteHistoryStatements, prepareHistoryStatements } from './sqlite-history-statements.js';
import { type SqliteCaseRow, type SqliteDeclarationRow } from './sqlite-read-model-statements.js';
import { caseOfSqliteRow, declarationOfSqliteRow } from './sqlite-subject-rows.js';

/**
 * {@link KpiReadModelHistory} of the SQLite read model. Its reads need not wait for a commit's transaction on the
 * connection, nor share a transaction: a closed epoch's rows are never written again, and a row a commit writes over,
 * even mid-transaction, has its version written in the same statement, so any read sees each key once, as of the epoch.
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

  /**
   * Reads in keyset pages, each a statement of its own with an event-loop turn between when due: an answer asOf a past
   * time runs while the app serves. No transaction is needed for one state: a closed epoch's rows never change, and a
   * row written over since is found in its version.
   */
  async loadAsOf(epoch: number, { openMaxDays, recentSince }: HotSelection, options: EpochLoad = {}): Promise<KpiReadModelState> {
    const closed = await read(() => this.epochRow(epoch));
    const turns = new EventLoopTurns();
    const { hotDeclarationsPage, hotCases, casesWithoutHotKeys, withoutHotKeysPage, bucketsPage } = this.statements;
    // By key: the pages share no transaction, so a row the projector writes over between the rows' pages and the
    // versions' is met in both, as it stood at the epoch both times; holding it twice would count its backlog twice.
    const declarations = new Map<string, DeclarationStateJson>();
    const cases = new Map<string, CaseStateJson>();
    const buckets = new Map<string, BucketJson>();
    const declaration = (row: SqliteDeclarationRow) => declarations.set(row.subject, declarationOfSqliteRow(row));
    const addCase = (row: SqliteCaseRow) => cases.set(row.subject, caseOfSqliteRow(row));
    for (const half of HALVES) {
      if (closed.newest_event_at !== null) {
        const openSince = closed.newest_event_at - openMaxDays * DAY_MS;
        const bounds = { epoch, recentSince, openSince, lowest: Math.min(recentSince, openSince), newest: closed.newest_event_at };
        await eachPage(
          { afterAt: Number.NEGATIVE_INFINITY, after: '' },
          (after) => hotDeclarationsPage[half].all({ ...bounds, ...after, limit: PAGE }),
          (last) => ({ afterAt: last.last_event_at!, after: last.subject }),
          declaration,
          turns,
        );
        hotCases[half].all(bounds).forEach(addCase);
      }
      // Rows written before hot keys existed load as hot, as in a live load.
      await eachPage('', (after) => withoutHotKeysPage[half].all({ epoch, after, limit: PAGE }), (last) => last.subject, declaration, turns);
      casesWithoutHotKeys[half].all({ epoch }).forEach(addCase);
    }
    const horizons = horizonsLoaded(closed.bucket_horizons === null ? null : (JSON.parse(closed.bucket_horizons) as BucketHorizonsJson), options);
    for (const range of bucketRangesAsOf(horizons, { newestEventAt: closed.newest_event_at, lastRecordedAt: closed.last_recorded_at })) {
      for (const half of HALVES) {
        await eachPage(
          '',
          (after) => bucketsPage[half].all({ epoch, ...range, after, limit: PAGE }),
          (last) => last.bucket_key,
          (row) => buckets.set(row.bucket_key, bucketOfSqliteRow(row)),
          turns,
        );
      }
    }
    const snapshot: KpiEngineSnapshot = {
      declarations: [...declarations.values()],
      cases: [...cases.values()],
      buckets: [...buckets.values()],
      quality: JSON.parse(closed.quality),
      ...(horizons === null ? {} : { bucketHorizons: horizons }),
    };
    return { checkpoint: closed.position, snapshot };
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

  /** The rows' pages, then the versions' pages, each subject once (released-pages.ts, `releasedOnceEach`). */
  releasedIn(from: number, to: number, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]> {
    const { epoch } = this;
    const { releasedPage, withoutHotKeysPage } = this.statements;
    const half = (which: (typeof HALVES)[number]) =>
      releasedPages(from, pageSize, {
        released: (afterAt, after, limit) => read(() => releasedPage[which].all({ epoch, to, afterAt, after, limit }).map(declarationOfSqliteRow)),
        withoutHotKeys: (after, limit) => read(() => withoutHotKeysPage[which].all({ epoch, after, limit }).map(declarationOfSqliteRow)),
      });
    return releasedOnceEach(half('rows'), half('versions'));
  }

  bucketsNamed(keys: readonly string[]): Promise<BucketJson[]> {
    return read(() => this.statements.bucketsNamed.all({ epoch: this.epoch, keys: JSON.stringify(keys) }).map(bucketOfSqliteRow));
  }

  bucketsBetween(line: BucketLineAddress, from: number, to: number): Promise<BucketJson[]> {
    return this.bucketsNamed(bucketLineKeys(line, from, to)).then(byStart);
  }
}

/** The rows, then their versions: a state as of an epoch is the union of both, each key in one of them. */
const HALVES = ['rows', 'versions'] as const;

/** Rows per keyset page of a load as of an epoch: one synchronous statement and its rows' JSON, a few milliseconds. */
const PAGE = 200;

/**
 * Every row of a keyset-paged read, a statement per page, each page's rows handed to `take` (which decodes them) in
 * the same stretch, with an event-loop turn between pages when one is due.
 */
async function eachPage<R, K>(first: K, page: (after: K) => R[], keyOf: (last: R) => K, take: (row: R) => void, turns: EventLoopTurns): Promise<void> {
  for (let after = first; ; ) {
    const read = page(after);
    read.forEach(take);
    if (read.length < PAGE) return;
    after = keyOf(read.at(-1)!);
    if (turns.due) await turns.give();
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
