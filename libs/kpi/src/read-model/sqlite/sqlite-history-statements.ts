import type Database from 'better-sqlite3';

import { type BucketKeyRange } from '../bucket-key-ranges.js';
import { type SqliteBucketRow, type SqliteCaseRow, type SqliteDeclarationRow } from './sqlite-read-model-statements.js';

/** A closed epoch's row: what the checkpoint row held when it closed, and the newest event time then. */
export interface SqliteEpochRow {
  epoch: number;
  position: number;
  last_recorded_at: number;
  quality: string;
  bucket_horizons: string | null;
  newest_event_at: number | null;
}

/** The epoch a read is as of. */
interface AsOf {
  epoch: number;
}

/**
 * Which rows with hot keys a hot load selects (`HotSelection`), as of an epoch: those with an event since
 * `recentSince`, and the open ones with an event since `openSince`. Both are at or after `lowest` and no row's latest
 * event was after `newest` then (the epoch's newest event time), so each is a range of the `last_event_at` index,
 * whatever was written since.
 */
type HotBoundsAsOf = AsOf & { recentSince: number; openSince: number; lowest: number; newest: number };

/** One keyset page of hot declarations, in (last_event_at, subject) order. */
type HotPageAsOf = HotBoundsAsOf & { afterAt: number; after: string; limit: number };

/** One keyset page of the buckets of a key range, in key order. */
type BucketsPageAsOf = AsOf & BucketKeyRange & { after: string; limit: number };

/** One keyset page of the TRS population, as of an epoch (released-pages.ts). */
type ReleasedPageAsOf = AsOf & { to: number; afterAt: number; after: string; limit: number };

type WithoutHotKeysPageAsOf = AsOf & { after: string; limit: number };

/** A JSON array of keys (subjects or bucket keys), as of an epoch. */
type NamedAsOf = AsOf & { keys: string };

/** A read of the rows as they stood at the end of an epoch, from a table of rows and from its table of versions. */
interface StatementPair<P, R> {
  readonly rows: Database.Statement<[P], R>;
  readonly versions: Database.Statement<[P], R>;
}

/** Every statement of the SQLite read model's history (read-model.port.ts, KpiReadModelHistory). */
export interface SqliteHistoryStatements {
  /** `?`: epoch milliseconds. */
  readonly epochAsOf: Database.Statement<[number], SqliteEpochRow>;
  readonly epoch: Database.Statement<[number], SqliteEpochRow>;
  readonly hotDeclarationsPage: StatementPair<HotPageAsOf, SqliteDeclarationRow>;
  /** Cases are few (enforcement): read in one statement, rows without hot keys included. */
  readonly hotCases: StatementPair<HotBoundsAsOf, SqliteCaseRow>;
  readonly casesWithoutHotKeys: StatementPair<AsOf, SqliteCaseRow>;
  readonly bucketsPage: StatementPair<BucketsPageAsOf, SqliteBucketRow & { bucket_key: string }>;
  readonly declarationsNamed: Database.Statement<[NamedAsOf], SqliteDeclarationRow>;
  readonly casesNamed: Database.Statement<[NamedAsOf], SqliteCaseRow>;
  readonly bucketsNamed: Database.Statement<[NamedAsOf], SqliteBucketRow>;
  readonly releasedPage: StatementPair<ReleasedPageAsOf, SqliteDeclarationRow>;
  readonly withoutHotKeysPage: StatementPair<WithoutHotKeysPageAsOf, SqliteDeclarationRow>;
}

const DECLARATION = 'subject, facts, last_event_at, open, released_at';
const CASE = 'subject, facts, last_event_at';

/**
 * A row as of epoch `@epoch`: in its table when no later epoch wrote over it, else the version that was valid then.
 * The two never both hold one key (a version ends where the row, or the next version, was written).
 */
const ROW_AS_OF = 'epoch <= @epoch';
const VERSION_AS_OF = 'epoch <= @epoch AND until_epoch > @epoch';

/** `SELECT columns FROM table WHERE where`, as of the epoch, from the rows and from their versions in one statement. */
function unionAsOf(columns: string, table: string, where: string): string {
  return `SELECT ${columns} FROM ${table} WHERE (${where}) AND ${ROW_AS_OF}
          UNION ALL SELECT ${columns} FROM ${table.replace(/s$/, '')}_versions WHERE (${where}) AND ${VERSION_AS_OF}`;
}

/** The same read of the rows and of their versions, as two statements: each keyset-paged on its own index. */
function pairAsOf<P, R>(db: Database.Database, columns: string, table: string, where: string, tail = '', index?: string): StatementPair<P, R> {
  const versions = `${table.replace(/s$/, '')}_versions`;
  return {
    rows: db.prepare<[P], R>(`SELECT ${columns} FROM ${table}${index ? ` INDEXED BY ${index}` : ''} WHERE (${where}) AND ${ROW_AS_OF} ${tail}`),
    versions: db.prepare<[P], R>(
      `SELECT ${columns} FROM ${versions}${index ? ` INDEXED BY ${index.replace(table, versions)}` : ''} WHERE (${where}) AND ${VERSION_AS_OF} ${tail}`,
    ),
  };
}

export function prepareHistoryStatements(db: Database.Database): SqliteHistoryStatements {
  const epochColumns = 'epoch, position, last_recorded_at, quality, bucket_horizons, newest_event_at';
  return {
    epochAsOf: db.prepare<[number], SqliteEpochRow>(
      `SELECT ${epochColumns} FROM kpi_epochs WHERE last_recorded_at <= ? ORDER BY last_recorded_at DESC, epoch DESC LIMIT 1`,
    ),
    epoch: db.prepare<[number], SqliteEpochRow>(`SELECT ${epochColumns} FROM kpi_epochs WHERE epoch = ?`),
    hotDeclarationsPage: pairAsOf(
      db,
      DECLARATION,
      'kpi_declarations',
      `last_event_at BETWEEN @lowest AND @newest AND (last_event_at >= @recentSince OR (last_event_at >= @openSince AND open = 1))
       AND (last_event_at, subject) > (@afterAt, @after)`,
      'ORDER BY last_event_at, subject LIMIT @limit',
      'kpi_declarations_by_last_event',
    ),
    hotCases: pairAsOf(db, CASE, 'kpi_cases', 'last_event_at BETWEEN @lowest AND @newest'),
    casesWithoutHotKeys: pairAsOf(db, CASE, 'kpi_cases', 'last_event_at IS NULL'),
    bucketsPage: pairAsOf(db, 'bucket_key, bucket', 'kpi_buckets', 'bucket_key >= @from AND bucket_key < @to AND bucket_key > @after', 'ORDER BY bucket_key LIMIT @limit'),
    declarationsNamed: db.prepare<[NamedAsOf], SqliteDeclarationRow>(
      `${unionAsOf(DECLARATION, 'kpi_declarations', 'subject IN (SELECT value FROM json_each(@keys))')} ORDER BY subject`,
    ),
    casesNamed: db.prepare<[NamedAsOf], SqliteCaseRow>(`${unionAsOf(CASE, 'kpi_cases', 'subject IN (SELECT value FROM json_each(@keys))')} ORDER BY subject`),
    bucketsNamed: db.prepare<[NamedAsOf], SqliteBucketRow>(unionAsOf('bucket', 'kpi_buckets', 'bucket_key IN (SELECT value FROM json_each(@keys))')),
    releasedPage: pairAsOf(
      db,
      DECLARATION,
      'kpi_declarations',
      'released_at < @to AND (released_at, subject) > (@afterAt, @after)',
      'ORDER BY released_at, subject LIMIT @limit',
      'kpi_declarations_by_release',
    ),
    withoutHotKeysPage: pairAsOf(
      db,
      DECLARATION,
      'kpi_declarations',
      'last_event_at IS NULL AND subject > @after',
      'ORDER BY subject LIMIT @limit',
      'kpi_declarations_by_last_event',
    ),
  };
}
