import {
  type CaseFactsJson,
  type CaseStateJson,
  type DeclarationFactsJson,
  type DeclarationStateJson,
} from '../engine/facts-json.js';

/**
 * A declaration row as a database gives it back, its facts parsed: the hot keys in columns of their own, `NULL`
 * in a row written before they existed. Times may come as strings (PostgreSQL's `bigint`), `open` as 0 or 1
 * (SQLite).
 */
export interface DeclarationRow {
  readonly subject: string;
  readonly facts: DeclarationFactsJson;
  readonly last_event_at: number | string | null;
  readonly open: boolean | number | null;
  readonly released_at: number | string | null;
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
  return { subject, facts, hot: { lastEventAt: Number(row.last_event_at), open: Boolean(row.open), releasedAt } };
}

/** The case a row holds, with `hot` only when the row has hot keys. */
export function caseOfRow(row: CaseRow): CaseStateJson {
  const { subject, facts } = row;
  return row.last_event_at === null ? { subject, facts } : { subject, facts, hot: { lastEventAt: Number(row.last_event_at) } };
}
