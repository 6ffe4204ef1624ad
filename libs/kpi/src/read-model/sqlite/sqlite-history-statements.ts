import type Database from 'better-sqlite3';

import { type BucketKeyRange } from '../bucket-key-ranges.js';
import {
  LONGEST_RELEASED_AFTER,
  type LongestReleasedPage,
  type SqliteBucketRow,
  type SqliteCaseRow,
  type SqliteDeclarationRow,
} from './sqlite-read-model-statements.js';

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

/** One keyset page of the TRS population longest first, as of an epoch (longest-released-pages.ts). */
type LongestReleasedPageAsOf = AsOf & LongestReleasedPage;

/** A JSON array of keys (subjects or bucket keys), as of an epoch. */
type NamedAsOf = AsOf & { keys: string };

/** The rows, then their versions: a state as of an epoch is the union of both, each key in one of them. */
export const HALVES = ['rows', 'versions'] as const;

/** One of {@link HALVES}. */
export type HistoryHalf = (typeof HALVES)[number];

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
  /** The rows' page and the versions' page from one key on, merged in one statement: see `longestReleasedPage`. */
  readonly longestReleasedPage: Database.Statement<[LongestReleasedPageAsOf], SqliteDeclarationRow>;
}

const DECLARATION = 'subject, facts, last_event_at, open, released_at, trs_release_ms, trs_office, trs_transport_mode, trs_regime';
const CASE = 'subject, facts, last_event_at';

/**
 * A row as of epoch `@epoch`: in its table when no later epoch wrote over it, else the version that was valid then.
 * The two never both hold one key (a version ends where the row, or the next version, was written).
 */
const ROW_AS_OF = 'epoch <= @epoch';
const VERSION_AS_OF = 'epoch <= @epoch AND until_epoch > @epoch';

/** A read model written before a change it cannot be loaded without (written-before.ts) has no epoch to start from. */
const LOADABLE = '(SELECT written_before FROM kpi_checkpoint WHERE id = 1) IS NULL';

/** Each table of the history: its rows, and the table its rows written over are kept in. */
interface VersionedTable {
  readonly rows: string;
  readonly versions: string;
}
const DECLARATIONS: VersionedTable = { rows: 'kpi_declarations', versions: 'kpi_declaration_versions' };
const CASES: VersionedTable = { rows: 'kpi_cases', versions: 'kpi_case_versions' };
const BUCKETS: VersionedTable = { rows: 'kpi_buckets', versions: 'kpi_bucket_versions' };

/** `SELECT columns FROM table WHERE where`, as of the epoch, from the rows and from their versions in one statement. */
function unionAsOf(columns: string, table: VersionedTable, where: string): string {
  return `SELECT ${columns} FROM ${table.rows} WHERE (${where}) AND ${ROW_AS_OF}
          UNION ALL SELECT ${columns} FROM ${table.versions} WHERE (${where}) AND ${VERSION_AS_OF}`;
}

/**
 * The same read of the rows and of their versions, as two statements: each keyset-paged on its own index, named by
 * its suffix (`by_release` is `kpi_declarations_by_release` and `kpi_declaration_versions_by_release`, schema 3 and 5).
 */
function pairAsOf<P, R>(db: Database.Database, columns: string, table: VersionedTable, where: string, tail = '', index?: string): StatementPair<P, R> {
  const read = (from: string, asOf: string) =>
    db.prepare<[P], R>(`SELECT ${columns} FROM ${from}${index ? ` INDEXED BY ${from}_${index}` : ''} WHERE (${where}) AND ${asOf} ${tail}`);
  return { rows: read(table.rows, ROW_AS_OF), versions: read(table.versions, VERSION_AS_OF) };
}

export function prepareHistoryStatements(db: Database.Database): SqliteHistoryStatements {
  const epochColumns = 'epoch, position, last_recorded_at, quality, bucket_horizons, newest_event_at';
  return {
    epochAsOf: db.prepare<[number], SqliteEpochRow>(
      `SELECT ${epochColumns} FROM kpi_epochs WHERE last_recorded_at <= ? AND ${LOADABLE} ORDER BY last_recorded_at DESC, epoch DESC LIMIT 1`,
    ),
    epoch: db.prepare<[number], SqliteEpochRow>(`SELECT ${epochColumns} FROM kpi_epochs WHERE epoch = ?`),
    hotDeclarationsPage: pairAsOf(
      db,
      DECLARATION,
      DECLARATIONS,
      `last_event_at BETWEEN @lowest AND @newest AND (last_event_at >= @recentSince OR (last_event_at >= @openSince AND open = 1))
       AND (last_event_at, subject) > (@afterAt, @after)`,
      'ORDER BY last_event_at, subject LIMIT @limit',
      'by_last_event',
    ),
    hotCases: pairAsOf(db, CASE, CASES, 'last_event_at BETWEEN @lowest AND @newest'),
    casesWithoutHotKeys: pairAsOf(db, CASE, CASES, 'last_event_at IS NULL'),
    bucketsPage: pairAsOf(db, 'bucket_key, bucket', BUCKETS, 'bucket_key >= @from AND bucket_key < @to AND bucket_key > @after', 'ORDER BY bucket_key LIMIT @limit'),
    declarationsNamed: db.prepare<[NamedAsOf], SqliteDeclarationRow>(
      `${unionAsOf(DECLARATION, DECLARATIONS, 'subject IN (SELECT value FROM json_each(@keys))')} ORDER BY subject`,
    ),
    casesNamed: db.prepare<[NamedAsOf], SqliteCaseRow>(`${unionAsOf(CASE, CASES, 'subject IN (SELECT value FROM json_each(@keys))')} ORDER BY subject`),
    bucketsNamed: db.prepare<[NamedAsOf], SqliteBucketRow>(unionAsOf('bucket', BUCKETS, 'bucket_key IN (SELECT value FROM json_each(@keys))')),
    releasedPage: pairAsOf(
      db,
      DECLARATION,
      DECLARATIONS,
      'released_at < @to AND (released_at, subject) > (@afterAt, @after)',
      'ORDER BY released_at, subject LIMIT @limit',
      'by_release',
    ),
    withoutHotKeysPage: pairAsOf(
      db,
      DECLARATION,
      DECLARATIONS,
      'last_event_at IS NULL AND subject > @after',
      'ORDER BY subject LIMIT @limit',
      'by_last_event',
    ),
    longestReleasedPage: db.prepare<[LongestReleasedPageAsOf], SqliteDeclarationRow>(longestReleasedPageAsOf()),
  };
}

/**
 * A page of `longestReleasedIn` as of the epoch: the first `@limit` rows as of it after the page's key, and the first
 * `@limit` versions as of it, each along its own `by_trs_release` index (schema migration 6), merged into the first
 * `@limit` of both. One statement, so from one state of the tables: a row the projector moves into its versions
 * between two pages is in one half or the other, with the same key, and the next page starts after the last key
 * given; two streams paged apart would lose a row moved behind the versions' page and ahead of the rows' one.
 */
function longestReleasedPageAsOf(): string {
  const order = 'ORDER BY trs_release_ms DESC, subject LIMIT @limit';
  const half = (table: string, asOf: string) =>
    `SELECT * FROM (SELECT ${DECLARATION} FROM ${table} INDEXED BY ${table}_by_trs_release WHERE ${LONGEST_RELEASED_AFTER} AND ${asOf} ${order})`;
  return `SELECT ${DECLARATION} FROM (${half(DECLARATIONS.rows, ROW_AS_OF)} UNION ALL ${half(DECLARATIONS.versions, VERSION_AS_OF)}) ${order}`;
}
