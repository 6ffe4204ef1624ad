import { nearestRank } from '../sketch/nearest-rank.js';
import { HOUR_MS } from '../engine/bucket-time.js';

/** n, mean and nearest-rank percentiles of a set of durations, in hours; `null` figures over nothing. */
export interface DurationSummary {
  readonly n: number;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
}


/**
 * Durations collected as integer milliseconds, so that their sum, and the mean, do not depend on the order they were
 * added in; percentiles are exact (the report holds every observation), nearest rank as kpis.md defines them.
 */
export class DurationSample {
  private readonly millis: number[] = [];
  private sumMs = 0;

  add(ms: number): void {
    this.millis.push(ms);
    this.sumMs += ms;
  }

  get n(): number {
    return this.millis.length;
  }

  summary(): DurationSummary {
    const n = this.millis.length;
    if (n === 0) return { n, mean: null, p50: null, p90: null };
    const sorted = Float64Array.from(this.millis).sort();
    return { n, mean: this.sumMs / n / HOUR_MS, p50: percentileHours(sorted, 0.5), p90: percentileHours(sorted, 0.9) };
  }
}

/** The value at rank ceil(p * n) of the sorted milliseconds, in hours. */
function percentileHours(sorted: Float64Array, p: number): number {
  return sorted[nearestRank(p, sorted.length) - 1]! / HOUR_MS;
}
