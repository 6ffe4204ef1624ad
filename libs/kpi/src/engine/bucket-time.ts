/** The bucket sizes KPI values are kept in (kpis.md, "Windows"): UTC calendar hours and days. */
export const GRANULARITIES = ['hour', 'day'] as const;
/** One of {@link GRANULARITIES}. */
export type Granularity = (typeof GRANULARITIES)[number];

/** One hour in milliseconds. */
export const HOUR_MS = 3_600_000;
/** One day in milliseconds (UTC days have no leap seconds in epoch time). */
export const DAY_MS = 86_400_000;

/** The length of a bucket in milliseconds. */
export function bucketLength(granularity: Granularity): number {
  return granularity === 'hour' ? HOUR_MS : DAY_MS;
}

/**
 * The start of the half-open bucket `[start, start + length)` holding `atMs`. Epoch milliseconds know no leap
 * seconds, so UTC hours and days are exact multiples from the epoch.
 */
export function bucketStart(atMs: number, granularity: Granularity): number {
  const length = granularity === 'hour' ? HOUR_MS : DAY_MS;
  return Math.floor(atMs / length) * length;
}

/** Whether `value` is a granularity, e.g. a `granularity` query parameter. */
export function isGranularity(value: unknown): value is Granularity {
  return value === 'hour' || value === 'day';
}
