import { type Principal, grants } from '@customs-pulse/auth';
import { REGIMES, SEIZURE_CATEGORIES, TRANSPORT_MODES } from '@customs-pulse/domain';
import { type RequestProblem, ProblemException } from '@customs-pulse/http';
import { ForbiddenException } from '@nestjs/common';

import { type Granularity, GRANULARITIES, bucketLength, bucketStart, isGranularity } from '../../engine/bucket-time.js';
import { type KpiFilters } from '../../engine/slices.js';

/** A request's query string as the HTTP layer hands it over. */
export type QueryString = Readonly<Record<string, unknown>>;

const FILTER_VALUES: Readonly<Record<keyof KpiFilters, readonly string[] | null>> = {
  office: null,
  transportMode: TRANSPORT_MODES,
  regime: REGIMES,
  category: SEIZURE_CATEGORIES,
};

/** Longest office id accepted in a filter: the subject limit of events.md, so no real office is refused. */
const MAX_OFFICE_LENGTH = 128;

/** Most points one series may hold: a year of hours, so one request cannot make the server build millions. */
export const MAX_SERIES_POINTS = 24 * 366;

/**
 * Collects every problem with a query string, each named by its `path` (`query.<parameter>`), so one 400 lists them
 * all (api.md: validation errors carry `errors`).
 */
export class QueryParameters {
  private readonly problems: RequestProblem[] = [];

  constructor(
    protected readonly query: QueryString,
    allowed: readonly string[],
  ) {
    for (const name of Object.keys(query)) {
      if (!allowed.includes(name)) this.problem(name, `is not a parameter of this endpoint; it takes ${allowed.join(', ')}`);
    }
  }

  /** The slice filters: `office`, `transportMode`, `regime`, `category`, each checked against events.md. */
  filters(): KpiFilters {
    const filters: Partial<Record<keyof KpiFilters, string>> = {};
    for (const [name, values] of Object.entries(FILTER_VALUES) as [keyof KpiFilters, readonly string[] | null][]) {
      const value = this.text(name);
      if (value === undefined) continue;
      if (values !== null && !values.includes(value)) this.problem(name, `must be one of ${values.join(', ')}`);
      else if (value.length > MAX_OFFICE_LENGTH) this.problem(name, `must be at most ${MAX_OFFICE_LENGTH} characters`);
      else filters[name] = value;
    }
    return filters;
  }

  /** `granularity` (`hour` or `day`, default `hour`). */
  granularity(): Granularity {
    const value = this.text('granularity') ?? 'hour';
    if (isGranularity(value)) return value;
    this.problem('granularity', `must be one of ${GRANULARITIES.join(', ')}`);
    return 'hour';
  }

  /**
   * `from` and `to`, bucket starts, `from` inclusive and `to` exclusive. Defaults: `to` the end of the bucket holding
   * `now`, `from` 24 buckets (hours) or 30 buckets (days) before `to`.
   */
  range(granularity: Granularity, now: Date): { from: string; to: string } {
    const length = bucketLength(granularity);
    const to = this.bucketBoundary('to', granularity) ?? bucketStart(now.getTime(), granularity) + length;
    const from = this.bucketBoundary('from', granularity) ?? to - (granularity === 'hour' ? 24 : 30) * length;
    if (from > to) this.problem('from', 'must not be after to');
    else if ((to - from) / length > MAX_SERIES_POINTS) this.problem('to', `the range holds over ${MAX_SERIES_POINTS} ${granularity}s; ask for a shorter one`);
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  }

  /**
   * `asOf`, an RFC 3339 instant, or undefined. Reading the past is the auditor's right (api.md): another role gets 403.
   * @throws ForbiddenException at once, before any other problem is reported: who may ask comes first.
   */
  asOf(principal: Principal | undefined): Date | undefined {
    const value = this.text('asOf');
    if (value === undefined) return undefined;
    if (!grants(principal?.roles ?? [], 'auditor')) throw new ForbiddenException('asOf queries need the role auditor');
    const instant = rfc3339(value);
    if (instant === undefined) this.problem('asOf', 'must be an RFC 3339 time with offset, e.g. 2026-03-01T12:00:00.000Z');
    return instant;
  }

  /** @throws ProblemException (400) listing every problem found so far. */
  check(): void {
    if (this.problems.length === 0) return;
    const detail = this.problems.map(({ path, message }) => `${path} ${message}`).join('; ');
    throw new ProblemException(400, detail, this.problems);
  }

  private bucketBoundary(name: 'from' | 'to', granularity: Granularity): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const instant = rfc3339(value);
    if (instant === undefined) this.problem(name, 'must be an RFC 3339 time with offset');
    else if (bucketStart(instant.getTime(), granularity) !== instant.getTime()) this.problem(name, `must be the start of a UTC ${granularity}`);
    else return instant.getTime();
    return undefined;
  }

  protected text(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && value !== '') return value;
    this.problem(name, 'must be given once, not empty');
    return undefined;
  }

  protected problem(name: string, message: string): void {
    this.problems.push({ path: `query.${name}`, message });
  }
}

/** An RFC 3339 date-time with an offset (`Z` or `±hh:mm`); `undefined` for anything else, even what `Date` accepts. */
export function rfc3339(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(text)) return undefined;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
