import type Database from 'better-sqlite3';

import { type BucketKeyRange } from '../bucket-key-ranges.js';

/** A declaration row with its facts as stored text; hot keys `NULL` in a row written before they existed. */
export interface SqliteDeclarationRow {
  subject: string;
  facts: string;
  last_event_at: number | null;
  open: number | null;
  released_at: number | null;
  trs_release_ms: number | null;
  trs_office: string | null;
  trs_transport_mode: string | null;
  trs_regime: string | null;
}

/** A case row with its facts as stored text. */
export interface SqliteCaseRow {
  subject: string;
  facts: string;
  last_event_at: number | null;
}

/** `[subject, facts, last_event_at, open, released_at, trs_release_ms, trs_office, trs_transport_mode, trs_regime]`. */
export type DeclarationValues = [string, string, number | null, number | null, number | null, number | null, string | null, string | null, string | null];

/** `[subject, facts, last_event_at]`. */
export type CaseValues = [string, string, number | null];

/** Which rows a start loads: see `HotSelection`; `openSince` is `NULL` when no row has hot keys. */
interface HotBounds {
  recentSince: number;
  openSince: number | null;
}

/** One page of `ColdSubjects.releasedIn`: subjects after `after`, at most `limit`. */
interface ReleasedPage {
  to: number;
  afterAt: number;
  after: string;
  limit: number;
}

interface WithoutHotKeysPage {
  after: string;
  limit: number;
}

/**
 * One page of `ColdSubjects.longestReleasedIn` (longest-released-pages.ts): the period's releases after (`afterMs`,
 * `after`) in (release time descending, subject) order, at most `limit`; a filter `null` when not given.
 */
export interface LongestReleasedPage {
  from: number;
  to: number;
  afterMs: number;
  after: string;
  limit: number;
  office: string | null;
  transportMode: string | null;
  regime: string | null;
}

/** The checkpoint row: the quality counters and bucket horizons as stored text, horizons `NULL` when none. */
export interface SqliteCheckpointRow {
  position: number;
  quality: string;
  bucket_horizons: string | null;
  /** The epoch open now: the one every row written is stamped with (read-model.port.ts, KpiReadModelHistory). */
  epoch: number;
  /** A change the read model was written before, which it cannot be loaded without (written-before.ts); else `NULL`. */
  written_before: string | null;
}

/** A bucket row's JSON as stored text. */
export interface SqliteBucketRow {
  bucket: string;
}

/** The newest event time over declarations and cases (`newestEvent`); null when no row has hot keys. */
export function newestEventAt(statements: Pick<SqliteReadModelStatements, 'newestEvent'>): number | null {
  const { declarations, cases } = statements.newestEvent.get()!;
  const newest = Math.max(declarations ?? Number.NEGATIVE_INFINITY, cases ?? Number.NEGATIVE_INFINITY);
  return Number.isFinite(newest) ? newest : null;
}

/** Every statement the SQLite read model runs, prepared once per connection. */
export interface SqliteReadModelStatements {
  readonly checkpoint: Database.Statement<[], SqliteCheckpointRow>;
  readonly moveCheckpoint: Database.Statement<[number, string]>;
  /** `?`: the horizons as JSON, or `NULL`. */
  readonly storeBucketHorizons: Database.Statement<[string | null]>;
  readonly declarations: Database.Statement<[], SqliteDeclarationRow>;
  readonly cases: Database.Statement<[], SqliteCaseRow>;
  readonly buckets: Database.Statement<[], SqliteBucketRow>;
  readonly bucketsInRange: Database.Statement<[BucketKeyRange], SqliteBucketRow>;
  /** `?`: a JSON array of bucket keys. */
  readonly bucketsNamed: Database.Statement<[string], SqliteBucketRow>;
  /** The greatest event time over declarations and cases; `NULL` when no row has hot keys. */
  readonly newestEvent: Database.Statement<[], { declarations: number | null; cases: number | null }>;
  readonly hotDeclarations: Database.Statement<[HotBounds], SqliteDeclarationRow>;
  readonly hotCases: Database.Statement<[HotBounds], SqliteCaseRow>;
  /** `?`: a JSON array of subjects. */
  readonly declarationsNamed: Database.Statement<[string], SqliteDeclarationRow>;
  /** `?`: a JSON array of subjects. */
  readonly casesNamed: Database.Statement<[string], SqliteCaseRow>;
  readonly releasedPage: Database.Statement<[ReleasedPage], SqliteDeclarationRow>;
  readonly withoutHotKeysPage: Database.Statement<[WithoutHotKeysPage], SqliteDeclarationRow>;
  readonly longestReleasedPage: Database.Statement<[LongestReleasedPage], SqliteDeclarationRow>;
  /** The row's values, then the epoch open now. */
  readonly upsertDeclaration: Database.Statement<[...DeclarationValues, number]>;
  readonly upsertCase: Database.Statement<[...CaseValues, number]>;
  /** `[bucket_key, bucket, epoch]`. */
  readonly upsertBucket: Database.Statement<[string, string, number]>;
  /** Keeps the checkpoint row as it now stands as the end of its epoch, with the newest event time then. */
  readonly closeEpoch: Database.Statement<[{ lastRecordedAt: number; newestEventAt: number | null }]>;
  readonly openNextEpoch: Database.Statement<[]>;
  /** A commit's transaction, opened and ended by hand: it spans event-loop turns, which `db.transaction` cannot. */
  readonly beginImmediate: Database.Statement<[]>;
  readonly commit: Database.Statement<[]>;
  readonly rollback: Database.Statement<[]>;
}

const DECLARATION = 'subject, facts, last_event_at, open, released_at, trs_release_ms, trs_office, trs_transport_mode, trs_regime';
const CASE = 'subject, facts, last_event_at';

/**
 * Which rows a page of `longestReleasedIn` takes (`LongestReleasedPage`), every term answered from the entries of
 * the `by_trs_release` indexes (schema migration 6): the first bounds the walk, which starts at the last page's end;
 * the period and the filters are checked in each entry, so that only the rows given are read whole.
 */
export const LONGEST_RELEASED_AFTER = `trs_release_ms IS NOT NULL AND trs_release_ms <= @afterMs AND (trs_release_ms < @afterMs OR subject > @after)
  AND released_at >= @from AND released_at < @to
  AND (@office IS NULL OR trs_office = @office) AND (@transportMode IS NULL OR trs_transport_mode = @transportMode)
  AND (@regime IS NULL OR trs_regime = @regime)`;

export function prepareReadModelStatements(db: Database.Database): SqliteReadModelStatements {
  return {
    checkpoint: db.prepare<[], SqliteCheckpointRow>('SELECT position, quality, bucket_horizons, epoch, written_before FROM kpi_checkpoint WHERE id = 1'),
    moveCheckpoint: db.prepare<[number, string]>('UPDATE kpi_checkpoint SET position = ?, quality = ? WHERE id = 1'),
    storeBucketHorizons: db.prepare<[string | null]>('UPDATE kpi_checkpoint SET bucket_horizons = ? WHERE id = 1'),
    declarations: db.prepare<[], SqliteDeclarationRow>(`SELECT ${DECLARATION} FROM kpi_declarations`),
    cases: db.prepare<[], SqliteCaseRow>(`SELECT ${CASE} FROM kpi_cases`),
    buckets: db.prepare<[], SqliteBucketRow>('SELECT bucket FROM kpi_buckets'),
    // Ranges and lookups of the bucket_key index (bucket-key-ranges.ts); the slice is compared in the index entry, so
    // only the line's own rows are read whole.
    bucketsInRange: db.prepare<[BucketKeyRange], SqliteBucketRow>('SELECT bucket FROM kpi_buckets WHERE bucket_key >= @from AND bucket_key < @to'),
    bucketsNamed: db.prepare<[string], SqliteBucketRow>('SELECT bucket FROM kpi_buckets WHERE bucket_key IN (SELECT value FROM json_each(?))'),
    // Two plain max() over indexed columns: each one index probe.
    newestEvent: db.prepare<[], { declarations: number | null; cases: number | null }>(
      `SELECT (SELECT max(last_event_at) FROM kpi_declarations) AS declarations, (SELECT max(last_event_at) FROM kpi_cases) AS cases`,
    ),
    // Each OR term is a range of the last_event_at index.
    hotDeclarations: db.prepare<[HotBounds], SqliteDeclarationRow>(
      `SELECT ${DECLARATION} FROM kpi_declarations
       WHERE last_event_at IS NULL OR last_event_at >= @recentSince OR (last_event_at >= @openSince AND open = 1)`,
    ),
    hotCases: db.prepare<[HotBounds], SqliteCaseRow>(
      `SELECT ${CASE} FROM kpi_cases
       WHERE last_event_at IS NULL OR last_event_at >= @recentSince OR last_event_at >= @openSince`,
    ),
    declarationsNamed: db.prepare<[string], SqliteDeclarationRow>(
      `SELECT ${DECLARATION} FROM kpi_declarations WHERE subject IN (SELECT value FROM json_each(?)) ORDER BY subject`,
    ),
    casesNamed: db.prepare<[string], SqliteCaseRow>(
      `SELECT ${CASE} FROM kpi_cases WHERE subject IN (SELECT value FROM json_each(?)) ORDER BY subject`,
    ),
    // Keyset pages (released-pages.ts): each starts where the last ended, in the order of the index it names.
    releasedPage: db.prepare<[ReleasedPage], SqliteDeclarationRow>(
      `SELECT ${DECLARATION} FROM kpi_declarations INDEXED BY kpi_declarations_by_release
       WHERE released_at < @to AND (released_at, subject) > (@afterAt, @after)
       ORDER BY released_at, subject LIMIT @limit`,
    ),
    withoutHotKeysPage: db.prepare<[WithoutHotKeysPage], SqliteDeclarationRow>(
      `SELECT ${DECLARATION} FROM kpi_declarations INDEXED BY kpi_declarations_by_last_event
       WHERE last_event_at IS NULL AND subject > @after ORDER BY subject LIMIT @limit`,
    ),
    longestReleasedPage: db.prepare<[LongestReleasedPage], SqliteDeclarationRow>(
      `SELECT ${DECLARATION} FROM kpi_declarations INDEXED BY kpi_declarations_by_trs_release
       WHERE ${LONGEST_RELEASED_AFTER} ORDER BY trs_release_ms DESC, subject LIMIT @limit`,
    ),
    // Writing over a row of an earlier epoch keeps it as a version (the triggers of schema migration 5).
    upsertDeclaration: db.prepare<[...DeclarationValues, number]>(
      `INSERT INTO kpi_declarations (${DECLARATION}, epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (subject) DO UPDATE SET
         facts = excluded.facts, last_event_at = excluded.last_event_at, open = excluded.open, released_at = excluded.released_at,
         trs_release_ms = excluded.trs_release_ms, trs_office = excluded.trs_office, trs_transport_mode = excluded.trs_transport_mode,
         trs_regime = excluded.trs_regime, epoch = excluded.epoch`,
    ),
    upsertCase: db.prepare<[...CaseValues, number]>(
      `INSERT INTO kpi_cases (${CASE}, epoch) VALUES (?, ?, ?, ?)
       ON CONFLICT (subject) DO UPDATE SET facts = excluded.facts, last_event_at = excluded.last_event_at, epoch = excluded.epoch`,
    ),
    upsertBucket: db.prepare<[string, string, number]>(
      `INSERT INTO kpi_buckets (bucket_key, bucket, epoch) VALUES (?, ?, ?)
       ON CONFLICT (bucket_key) DO UPDATE SET bucket = excluded.bucket, epoch = excluded.epoch`,
    ),
    closeEpoch: db.prepare<[{ lastRecordedAt: number; newestEventAt: number | null }]>(
      `INSERT INTO kpi_epochs (epoch, position, last_recorded_at, quality, bucket_horizons, newest_event_at)
       SELECT epoch, position, @lastRecordedAt, quality, bucket_horizons, @newestEventAt FROM kpi_checkpoint WHERE id = 1`,
    ),
    openNextEpoch: db.prepare<[]>('UPDATE kpi_checkpoint SET epoch = epoch + 1 WHERE id = 1'),
    beginImmediate: db.prepare<[]>('BEGIN IMMEDIATE'),
    commit: db.prepare<[]>('COMMIT'),
    rollback: db.prepare<[]>('ROLLBACK'),
  };
}
