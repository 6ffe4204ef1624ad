import { quoted } from './postgres-schema-name.js';

/** Every statement the PostgreSQL read model runs, on the tables of one schema. */
export interface PostgresReadModelSql {
  readonly checkpoint: string;
  /** The compare of compare-and-set: locks the checkpoint row until the transaction ends. */
  readonly checkpointForUpdate: string;
  readonly moveCheckpoint: string;
  /** `$1`: the bucket horizons as JSON, or `NULL`. */
  readonly storeBucketHorizons: string;
  readonly declarations: string;
  readonly cases: string;
  readonly buckets: string;
  /** `$1`, `$2`: the `from` and `to` keys of the ranges (bucket-key-ranges.ts), as two `text[]` of one length. */
  readonly bucketsInRanges: string;
  /** `$1`: the keys, as a `text[]`. */
  readonly bucketsNamed: string;
  /** `$1`: `recentSince`, `$2`: `openMaxDays` in milliseconds (see `HotSelection`). */
  readonly hotDeclarations: string;
  /** `$1`: `recentSince`, `$2`: `openMaxDays` in milliseconds (see `HotSelection`). */
  readonly hotCases: string;
  /** `$1`: the subjects, as a `text[]`. */
  readonly declarationsNamed: string;
  /** `$1`: the subjects, as a `text[]`. */
  readonly casesNamed: string;
  /** `$1` to, `$2` and `$3` the (releasedAt, subject) the page starts after, `$4` its size. */
  readonly releasedPage: string;
  /** `$1` the subject the page starts after, `$2` its size. */
  readonly withoutHotKeysPage: string;
  /**
   * A page of `longestReleasedIn` with the filter terms given (postgres-trs-filters.ts, numbered from `$6`): `$1`
   * from, `$2` to, `$3` and `$4` the (release time, subject) the page starts after, `$5` its size.
   */
  longestReleasedPage(filterTerms: string): string;
  /** `$1`: a JSON array of `{ subject, facts, hot? }`, unique by subject; `$2`: the checkpoint the commit moves to. */
  readonly upsertDeclarations: string;
  /** `$1`: a JSON array of `{ subject, facts, hot? }`, unique by subject; `$2`: the checkpoint the commit moves to. */
  readonly upsertCases: string;
  /** `$1`: a JSON array of `{ key, bucket }`, unique by key; `$2`: the checkpoint the commit moves to. */
  readonly upsertBuckets: string;
  /** Fails with "undefined_column" on a schema older than migration 6, whose rows do not carry `written_at`. */
  readonly writtenAtProbe: string;
  /** `$1`: a checkpoint: the declarations written by the commits after it (`written_at`, schema migration 6). */
  readonly declarationsWrittenAfter: string;
  /** `$1`: a checkpoint: the cases written by the commits after it. */
  readonly casesWrittenAfter: string;
  /** `$1`: a checkpoint: the buckets written by the commits after it. */
  readonly bucketsWrittenAfter: string;
  /**
   * `$1`: the `recordedAt` of the commit's last event, in epoch milliseconds. Keeps the checkpoint row as it now
   * stands as the end of its epoch, with the newest event time stored, and opens the next epoch.
   */
  readonly closeEpoch: string;
}

const DECLARATION = 'subject, facts, last_event_at, open, released_at, trs_release_ms, trs_office, trs_transport_mode, trs_regime';
const CASE = 'subject, facts, last_event_at';

/** The order of `longestReleasedIn`'s pages: the `by_trs_release` indexes' (schema migration 5). */
export const LONGEST_FIRST = 'trs_release_ms DESC, subject COLLATE "C"';

/**
 * Which rows a page of `longestReleasedIn` takes, its parameters numbered from `$first` (from, to, then the release
 * time and subject it starts after): the first two terms bound the walk along a `by_trs_release` index, which starts
 * at the last page's end; the period is checked in each entry of the index.
 */
export function longestReleasedAfter(first: number): string {
  const [from, to, afterMs, after] = [0, 1, 2, 3].map((offset) => `$${first + offset}`);
  return `trs_release_ms IS NOT NULL AND trs_release_ms <= ${afterMs} AND (trs_release_ms < ${afterMs} OR subject COLLATE "C" > ${after})
        AND released_at >= ${from} AND released_at < ${to}`;
}

/**
 * The statements for the tables in `schema`, named in full rather than through `search_path`, so that read models of
 * several generations can share one pool. Upserts take a whole batch as one JSON parameter and unpack it with
 * `json_to_recordset`: one round trip for thousands of rows, and the engine's JSON travels as it is, its hot keys
 * taken apart into their columns on the server.
 */
export function postgresReadModelSql(schema: string): PostgresReadModelSql {
  const table = (name: string): string => `${quoted(schema)}.${name}`;
  // The greatest event time stored, from which the open subjects' days count: two index probes.
  const newestEvent = `greatest((SELECT max(last_event_at) FROM ${table('kpi_declarations')}), (SELECT max(last_event_at) FROM ${table('kpi_cases')}))`;
  // Each OR term is a range of the last_event_at index.
  const hot = (open: string): string =>
    `last_event_at IS NULL OR last_event_at >= $1 OR (last_event_at >= ${newestEvent} - $2::bigint${open})`;
  const inC = 'subject COLLATE "C"';
  // Every row a commit writes is stamped with the open epoch, read from the checkpoint row the commit holds locked
  // (`checkpointForUpdate`): one probe per statement. Writing over a row of an earlier epoch keeps it as a version
  // (the triggers of schema migration 4).
  const openEpoch = `(SELECT epoch FROM ${table('kpi_checkpoint')} WHERE id = 1)`;
  return {
    checkpoint: `SELECT position, quality, bucket_horizons, written_before FROM ${table('kpi_checkpoint')} WHERE id = 1`,
    checkpointForUpdate: `SELECT position FROM ${table('kpi_checkpoint')} WHERE id = 1 FOR UPDATE`,
    moveCheckpoint: `UPDATE ${table('kpi_checkpoint')} SET position = $1, quality = $2::json WHERE id = 1`,
    storeBucketHorizons: `UPDATE ${table('kpi_checkpoint')} SET bucket_horizons = $1::json WHERE id = 1`,
    declarations: `SELECT ${DECLARATION} FROM ${table('kpi_declarations')}`,
    cases: `SELECT ${CASE} FROM ${table('kpi_cases')}`,
    buckets: `SELECT bucket FROM ${table('kpi_buckets')}`,
    // Ranges and lookups of the bucket_key index, in the "C" collation (migration 3); the ranges in one statement, a
    // nested loop over them with an index range scan for each.
    bucketsInRanges: `
      SELECT bucket FROM unnest($1::text[], $2::text[]) AS range(from_key, to_key)
      JOIN ${table('kpi_buckets')} ON bucket_key >= range.from_key AND bucket_key < range.to_key`,
    bucketsNamed: `SELECT bucket FROM ${table('kpi_buckets')} WHERE bucket_key = ANY($1::text[])`,
    hotDeclarations: `SELECT ${DECLARATION} FROM ${table('kpi_declarations')} WHERE ${hot(' AND open')}`,
    hotCases: `SELECT ${CASE} FROM ${table('kpi_cases')} WHERE ${hot('')}`,
    declarationsNamed: `SELECT ${DECLARATION} FROM ${table('kpi_declarations')} WHERE subject = ANY($1::text[]) ORDER BY ${inC}`,
    casesNamed: `SELECT ${CASE} FROM ${table('kpi_cases')} WHERE subject = ANY($1::text[]) ORDER BY ${inC}`,
    // The page's subjects come from the indexes alone: those released in the range (the range read, the first $4
    // after $3 kept), and those without hot keys (read in subject order from the NULL part of the last_event_at
    // index); only the page's rows are then read whole.
    releasedPage: `
      SELECT ${DECLARATION} FROM ${table('kpi_declarations')}
      WHERE released_at < $1 AND (released_at, ${inC}) > ($2, $3)
      ORDER BY released_at, ${inC} LIMIT $4`,
    withoutHotKeysPage: `
      SELECT ${DECLARATION} FROM ${table('kpi_declarations')}
      WHERE last_event_at IS NULL AND ${inC} > $1 ORDER BY ${inC} LIMIT $2`,
    longestReleasedPage: (filterTerms) => `
      SELECT ${DECLARATION} FROM ${table('kpi_declarations')}
      WHERE ${longestReleasedAfter(1)}${filterTerms} ORDER BY ${LONGEST_FIRST} LIMIT $5`,
    upsertDeclarations: `
      INSERT INTO ${table('kpi_declarations')} (${DECLARATION}, epoch, written_at)
      SELECT subject, facts, (hot->>'lastEventAt')::bigint, (hot->>'open')::boolean, (hot->>'releasedAt')::bigint,
        (hot->'trs'->>'releaseMs')::bigint, hot->'trs'->>'office', hot->'trs'->>'transportMode', hot->'trs'->>'regime', ${openEpoch}, $2
      FROM json_to_recordset($1::json) AS row(subject text, facts json, hot json)
      ON CONFLICT (subject) DO UPDATE SET
        facts = excluded.facts, last_event_at = excluded.last_event_at, open = excluded.open, released_at = excluded.released_at,
        trs_release_ms = excluded.trs_release_ms, trs_office = excluded.trs_office, trs_transport_mode = excluded.trs_transport_mode,
        trs_regime = excluded.trs_regime, epoch = excluded.epoch, written_at = excluded.written_at`,
    upsertCases: `
      INSERT INTO ${table('kpi_cases')} (${CASE}, epoch, written_at)
      SELECT subject, facts, (hot->>'lastEventAt')::bigint, ${openEpoch}, $2
      FROM json_to_recordset($1::json) AS row(subject text, facts json, hot json)
      ON CONFLICT (subject) DO UPDATE SET facts = excluded.facts, last_event_at = excluded.last_event_at, epoch = excluded.epoch,
        written_at = excluded.written_at`,
    upsertBuckets: `
      INSERT INTO ${table('kpi_buckets')} (bucket_key, bucket, epoch, written_at)
      SELECT key, bucket, ${openEpoch}, $2 FROM json_to_recordset($1::json) AS row(key text, bucket json)
      ON CONFLICT (bucket_key) DO UPDATE SET bucket = excluded.bucket, epoch = excluded.epoch, written_at = excluded.written_at`,
    writtenAtProbe: `SELECT written_at FROM ${table('kpi_buckets')} LIMIT 0`,
    declarationsWrittenAfter: `SELECT ${DECLARATION} FROM ${table('kpi_declarations')} WHERE written_at > $1`,
    casesWrittenAfter: `SELECT ${CASE} FROM ${table('kpi_cases')} WHERE written_at > $1`,
    bucketsWrittenAfter: `SELECT bucket FROM ${table('kpi_buckets')} WHERE written_at > $1`,
    // One statement: the closed epoch's row is taken from the checkpoint row before the next epoch is opened in it.
    closeEpoch: `
      WITH closed AS (
        INSERT INTO ${table('kpi_epochs')} (epoch, position, last_recorded_at, quality, bucket_horizons, newest_event_at)
        SELECT epoch, position, $1, quality, bucket_horizons, ${newestEvent} FROM ${table('kpi_checkpoint')} WHERE id = 1
        RETURNING epoch)
      UPDATE ${table('kpi_checkpoint')} SET epoch = closed.epoch + 1 FROM closed WHERE id = 1`,
  };
}
