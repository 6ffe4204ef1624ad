/** n, mean and nearest-rank percentiles of a set of durations, in hours; `null` figures over nothing. */
export interface DurationSummary {
  readonly n: number;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
}
