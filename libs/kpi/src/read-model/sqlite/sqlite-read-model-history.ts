import type Database from 'better-sqlite3';
import { EventLoopTurns } from '@customs-pulse/event-store';

import { DAY_MS } from '../../engine/bucket-time.js';
import { type BucketJson } from '../../engine/buckets.js';
import { type BucketHorizonsJson, type KpiEngineSnapshot } from '../../engine/engine-snapshot.js';
import { type CaseStateJson, type DeclarationStateJson } from '../../engine/facts-json.js';
import { bucketRangesAsOf, horizonsLoaded } from '../bucket-key-ranges.js';
import {
  type ClosedEpoch,
  type ColdState,
  type EpochLoad,
  type HotSelection,
  type KpiReadModelHistory,
  type KpiReadModelState,
} from '../read-model.port.js';
import { bucketOfSqliteRow } from './sqlite-bucket-rows.js';
import { HALVES, type SqliteEpochRow, type SqliteHistoryStatements, prepareHistoryStatements } from './sqlite-history-statements.js';
import { SqliteColdStateAsOf } from './sqlite-cold-state-as-of.js';
import { type SqliteCaseRow, type SqliteDeclarationRow } from './sqlite-read-model-statements.js';
import { caseOfSqliteRow, declarationOfSqliteRow } from './sqlite-subject-rows.js';

/**
 * {@link KpiReadModelHistory} of the SQLite read model. Each read waits for a commit's transaction on the connection to
 * end (the read model's queue), as the live cold reads do: inside it a read would see rows the commit may yet roll back.
 * Reads of one state need not share a transaction: a closed epoch's rows are never written again, and a committed row
 * written over since is found in its version (a row met in both is taken once: see `loadAsOf`).
 */
export class SqliteReadModelHistory implements KpiReadModelHistory {
  private readonly statements: SqliteHistoryStatements;

  constructor(
    private readonly db: Database.Database,
    /** Runs a read when no commit's transaction is open on the connection (the read model's queue). */
    private readonly exclusively: <T>(read: () => T) => Promise<T>,
  ) {
    this.statements = prepareHistoryStatements(db);
  }

  epochAsOf(asOfMs: number): Promise<ClosedEpoch | null> {
    return this.exclusively(() => {
      const row = this.statements.epochAsOf.get(asOfMs);
      return row === undefined ? null : { epoch: row.epoch, position: row.position, lastRecordedAt: row.last_recorded_at };
    });
  }

  /**
   * Reads in keyset pages, each a statement of its own in the queue, with an event-loop turn between when due: an
   * answer asOf a past time runs while the app serves.
   */
  async loadAsOf(epoch: number, { openMaxDays, recentSince }: HotSelection, options: EpochLoad = {}): Promise<KpiReadModelState> {
    const closed = await this.exclusively(() => this.epochRow(epoch));
    const turns = new EventLoopTurns();
    const { hotDeclarationsPage, hotCases, casesWithoutHotKeys, withoutHotKeysPage, bucketsPage } = this.statements;
    // By key: the pages share no transaction, so a row the projector writes over between the rows' pages and the
    // versions' is met in both, as it stood at the epoch both times; holding it twice would count its backlog twice.
    const inQueue = <R>(read: () => R[]) => this.exclusively(read);
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
          (after) => inQueue(() => hotDeclarationsPage[half].all({ ...bounds, ...after, limit: PAGE })),
          (last) => ({ afterAt: last.last_event_at!, after: last.subject }),
          declaration,
          turns,
        );
        (await inQueue(() => hotCases[half].all(bounds))).forEach(addCase);
      }
      // Rows written before hot keys existed load as hot, as in a live load.
      await eachPage('', (after) => inQueue(() => withoutHotKeysPage[half].all({ epoch, after, limit: PAGE })), (last) => last.subject, declaration, turns);
      (await inQueue(() => casesWithoutHotKeys[half].all({ epoch }))).forEach(addCase);
    }
    const horizons = horizonsLoaded(closed.bucket_horizons === null ? null : (JSON.parse(closed.bucket_horizons) as BucketHorizonsJson), options);
    const times = { newestEventAt: closed.newest_event_at, lastRecordedAt: closed.last_recorded_at };
    for (const range of bucketRangesAsOf(horizons, times, options)) {
      for (const half of HALVES) {
        await eachPage(
          '',
          (after) => inQueue(() => bucketsPage[half].all({ epoch, ...range, after, limit: PAGE })),
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
    return new SqliteColdStateAsOf(this.db, this.statements, epoch, this.exclusively);
  }

  /** @throws RangeError when `epoch` was never closed. */
  private epochRow(epoch: number): SqliteEpochRow {
    const row = this.statements.epoch.get(epoch);
    if (row === undefined) throw new RangeError(`the KPI read model never closed epoch ${epoch}`);
    return row;
  }
}

/** Rows per keyset page of a load as of an epoch: one synchronous statement and its rows' JSON, a few milliseconds. */
const PAGE = 200;

/**
 * Every row of a keyset-paged read, a statement per page, each page's rows handed to `take` (which decodes them) in
 * the same stretch, with an event-loop turn before a page that would end past the slice ({@link EventLoopTurns.stretch}).
 */
async function eachPage<R, K>(first: K, page: (after: K) => Promise<R[]>, keyOf: (last: R) => K, take: (row: R) => void, turns: EventLoopTurns): Promise<void> {
  for (let after = first; ; ) {
    const read = await turns.stretch(async () => {
      const rows = await page(after);
      rows.forEach(take);
      return rows;
    });
    if (read.length < PAGE) return;
    after = keyOf(read.at(-1)!);
  }
}
