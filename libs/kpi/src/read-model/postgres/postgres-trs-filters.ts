import { type TrsFilters } from '../../engine/trs-release.js';

/** The column each filter of `ColdSubjects.longestReleasedIn` compares (schema migration 5). */
const FILTER_COLUMNS: Readonly<Record<keyof TrsFilters, string>> = { office: 'trs_office', transportMode: 'trs_transport_mode', regime: 'trs_regime' };

/** The filters given, as SQL conditions on parameters, and the parameters' values in their order. */
export interface TrsFilterTerms {
  /** `AND column = $n` for each filter given; empty when none is. */
  readonly sql: string;
  readonly values: readonly string[];
}

/**
 * The filters given as equalities on their columns, numbered from parameter `$first` on. Only the filters given are
 * in the statement, rather than `($n IS NULL OR column = $n)` for each, so that every one is a plain condition on a
 * key column of the `by_trs_release` index, checked in its entries, whatever plan PostgreSQL makes.
 */
export function trsFilterTerms(filters: TrsFilters, first: number): TrsFilterTerms {
  const given = (Object.keys(FILTER_COLUMNS) as (keyof TrsFilters)[]).filter((name) => filters[name] !== undefined);
  return {
    sql: given.map((name, index) => ` AND ${FILTER_COLUMNS[name]} = $${first + index}`).join(''),
    values: given.map((name) => filters[name]!),
  };
}
