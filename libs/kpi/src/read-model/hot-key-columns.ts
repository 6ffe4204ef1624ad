import {
  type CaseFactsJson,
  type CaseStateJson,
  type DeclarationFactsJson,
  type DeclarationStateJson,
} from '../engine/facts-json.js';
import { type TrsRelease } from '../engine/trs-release.js';

/**
 * A declaration row as a database gives it back, its facts parsed: the hot keys in columns of their own, `NULL`
 * in a row written before they existed. Times may come as strings (PostgreSQL's `bigint`), `open` as 0 or 1
 * (SQLite). The TRS release (`hot.trs`) takes four columns, `trs_release_ms` `NULL` when there is none.
 */
export interface DeclarationRow {
  readonly subject: string;
  readonly facts: DeclarationFactsJson;
  readonly last_event_at: number | string | null;
  readonly open: boolean | number | null;
  readonly released_at: number | string | null;
  readonly trs_release_ms: number | string | null;
  readonly trs_office: string | null;
  readonly trs_transport_mode: string | null;
  readonly trs_regime: string | null;
}

/** A case row as a database gives it back; see {@link DeclarationRow}. */
export interface CaseRow {
  readonly subject: string;
  readonly facts: CaseFactsJson;
  readonly last_event_at: number | string | null;
}

/** The declaration a row holds, with `hot` only when the row has hot keys. */
export function declarationOfRow(row: DeclarationRow): DeclarationStateJson {
  const { subject, facts } = row;
  if (row.last_event_at === null) return { subject, facts };
  const releasedAt = row.released_at === null ? null : Number(row.released_at);
  return { subject, facts, hot: { lastEventAt: Number(row.last_event_at), open: Boolean(row.open), releasedAt, trs: trsReleaseOfRow(row) } };
}

/** The TRS release a row's four columns hold; `null` when `trs_release_ms` is. */
function trsReleaseOfRow(row: DeclarationRow): TrsRelease | null {
  if (row.trs_release_ms === null) return null;
  return { releaseMs: Number(row.trs_release_ms), office: row.trs_office, transportMode: row.trs_transport_mode, regime: row.trs_regime };
}

/** The case a row holds, with `hot` only when the row has hot keys. */
export function caseOfRow(row: CaseRow): CaseStateJson {
  const { subject, facts } = row;
  return row.last_event_at === null ? { subject, facts } : { subject, facts, hot: { lastEventAt: Number(row.last_event_at) } };
}
