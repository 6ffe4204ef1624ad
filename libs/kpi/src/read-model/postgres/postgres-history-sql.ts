import { LONGEST_FIRST, longestReleasedAfter } from './postgres-read-model-sql.js';
import { quoted } from './postgres-schema-name.js';

/** One read as of an epoch, of a table's rows and of its versions, as two statements: each paged on its own index. */
export interface RowsAndVersions {
  readonly rows: string;
  readonly versions: string;
}

/**
 * Every read of the PostgreSQL read model's history (read-model.port.ts, KpiReadModelHistory), on the tables of one
 * schema. In each read as of an epoch, `$1` is that epoch.
 */
export interface PostgresHistorySql {
  /** `$1`: epoch milliseconds. */
  readonly epochAsOf: string;
  /** `$1`: the epoch. */
  readonly epoch: string;
  /**
   * `$2`: `recentSince`; `$3`: the least event time of an open declaration loaded; `$4`: the epoch's newest event
   * time, after which no row's latest event was then. `$3` and `$4` are `NULL` when no row had hot keys.
   */
  readonly hotDeclarations: string;
  /** As `hotDeclarations`, `$3` for any case. */
  readonly hotCases: string;
  /** `$2`: the subjects, as a `text[]`. */
  readonly declarationsNamed: string;
  /** `$2`: the subjects, as a `text[]`. */
  readonly casesNamed: string;
  /** `$2`: the keys, as a `text[]`. */
  readonly bucketsNamed: string;
  /** `$2`, `$3`: the `from` and `to` keys of the ranges (bucket-key-ranges.ts), as two `text[]` of one length. */
  readonly bucketsInRanges: string;
  /** `$2` to, `$3` and `$4` the (releasedAt, subject) the page starts after, `$5` its size. */
  readonly releasedPage: RowsAndVersions;
  /** `$2` the subject the page starts after, `$3` its size. */
  readonly withoutHotKeysPage: RowsAndVersions;
  /**
   * A page of `longestReleasedIn` with the filter terms given (postgres-trs-filters.ts, numbered from `$7`): `$2`
   * from, `$3` to, `$4` and `$5` the (release time, subject) the page starts after, `$6` its size. The rows' page and
   * the versions' page from that key on, merged in one statement: see `longestReleasedPageAsOf`.
   */
  longestReleasedPage(filterTerms: string): string;
}

const DECLARATION = 'subject, facts, last_event_at, open, released_at, trs_release_ms, trs_office, trs_transport_mode, trs_regime';
const CASE = 'subject, facts, last_event_at';

/**
 * A row as of epoch `$1`: in its table when no later epoch wrote over it, else the version that was valid then. The
 * two never both hold one key (a version ends where the row, or the next version, was written).
 */
const ROW_AS_OF = 'epoch <= $1';
const VERSION_AS_OF = 'epoch <= $1 AND until_epoch > $1';

/** A read of one table given its name, and the condition of a row as of the epoch there. */
type Read = (from: string, asOfEpoch: string) => string;

/** Each table of the history: its rows, and the table its rows written over are kept in. */
const DECLARATIONS = ['kpi_declarations', 'kpi_declaration_versions'] as const;
const CASES = ['kpi_cases', 'kpi_case_versions'] as const;
const BUCKETS = ['kpi_buckets', 'kpi_bucket_versions'] as const;

/** Both halves in one statement, so from one snapshot: a row a commit moves into its versions meanwhile is read once. */
function union({ rows, versions }: RowsAndVersions): string {
  return `${rows} UNION ALL ${versions}`;
}

/**
 * The statements for the tables in `schema`, named in full as the read model's own are (postgres-read-model-sql.ts).
 * Versions are indexed as their rows are (schema migration 4), so each half of a read takes the same index.
 */
export function postgresHistorySql(schema: string): PostgresHistorySql {
  const table = (name: string): string => `${quoted(schema)}.${name}`;
  const asOf = ([rows, versions]: readonly [string, string], read: Read): RowsAndVersions => ({
    rows: read(table(rows), ROW_AS_OF),
    versions: read(table(versions), VERSION_AS_OF),
  });
  // One range of the last_event_at index, from the least time selected to the epoch's newest event: the bounds come
  // from the epoch's row, and the rows written since, later in the index, are not read.
  const hot = (open: string): string =>
    `last_event_at IS NULL OR (last_event_at BETWEEN LEAST($2::bigint, $3::bigint) AND $4::bigint AND (last_event_at >= $2 OR (last_event_at >= $3${open})))`;
  const inC = 'subject COLLATE "C"';
  const epochColumns = 'epoch, position, last_recorded_at, quality, bucket_horizons, newest_event_at';
  return {
    epochAsOf: `
      SELECT ${epochColumns} FROM ${table('kpi_epochs')}
      WHERE last_recorded_at <= $1 AND (SELECT written_before FROM ${table('kpi_checkpoint')} WHERE id = 1) IS NULL
      ORDER BY last_recorded_at DESC, epoch DESC LIMIT 1`,
    epoch: `SELECT ${epochColumns} FROM ${table('kpi_epochs')} WHERE epoch = $1`,
    hotDeclarations: union(asOf(DECLARATIONS, (from, at) => `SELECT ${DECLARATION} FROM ${from} WHERE (${hot(' AND open')}) AND ${at}`)),
    hotCases: union(asOf(CASES, (from, at) => `SELECT ${CASE} FROM ${from} WHERE (${hot('')}) AND ${at}`)),
    // A UNION is ordered by its columns alone: the collation needs the union as a table.
    declarationsNamed: `
      SELECT ${DECLARATION} FROM (${union(asOf(DECLARATIONS, (from, at) => `SELECT ${DECLARATION} FROM ${from} WHERE subject = ANY($2::text[]) AND ${at}`))}) AS named
      ORDER BY ${inC}`,
    casesNamed: `
      SELECT ${CASE} FROM (${union(asOf(CASES, (from, at) => `SELECT ${CASE} FROM ${from} WHERE subject = ANY($2::text[]) AND ${at}`))}) AS named
      ORDER BY ${inC}`,
    bucketsNamed: union(asOf(BUCKETS, (from, at) => `SELECT bucket FROM ${from} WHERE bucket_key = ANY($2::text[]) AND ${at}`)),
    bucketsInRanges: union(
      asOf(
        BUCKETS,
        (from, at) => `
          SELECT bucket FROM unnest($2::text[], $3::text[]) AS range(from_key, to_key)
          JOIN ${from} ON bucket_key >= range.from_key AND bucket_key < range.to_key
          WHERE ${at}`,
      ),
    ),
    releasedPage: asOf(
      DECLARATIONS,
      (from, at) => `
        SELECT ${DECLARATION} FROM ${from}
        WHERE released_at < $2 AND (released_at, ${inC}) > ($3, $4) AND ${at}
        ORDER BY released_at, ${inC} LIMIT $5`,
    ),
    withoutHotKeysPage: asOf(
      DECLARATIONS,
      (from, at) => `
        SELECT ${DECLARATION} FROM ${from}
        WHERE last_event_at IS NULL AND ${inC} > $2 AND ${at} ORDER BY ${inC} LIMIT $3`,
    ),
    longestReleasedPage: (filterTerms) => longestReleasedPageAsOf(asOf(DECLARATIONS, (from, at) => `
      SELECT ${DECLARATION} FROM ${from}
      WHERE ${longestReleasedAfter(2)}${filterTerms} AND ${at} ORDER BY ${LONGEST_FIRST} LIMIT $6`)),
  };
}

/**
 * A page of `longestReleasedIn` as of the epoch: the first `$6` rows as of it after the page's key, and the first
 * `$6` versions as of it, each along its own `by_trs_release` index (schema migration 5), merged into the first `$6`
 * of both. One statement, so from one snapshot: a row the projector moves into its versions between two pages is in
 * one half or the other, with the same key, and the next page starts after the last key given; two streams paged
 * apart would lose a row moved behind the versions' page and ahead of the rows' one.
 */
function longestReleasedPageAsOf({ rows, versions }: RowsAndVersions): string {
  return `SELECT ${DECLARATION} FROM ((${rows}) UNION ALL (${versions})) AS page ORDER BY ${LONGEST_FIRST} LIMIT $6`;
}
