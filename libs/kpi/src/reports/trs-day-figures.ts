import { DAY_MS, HOUR_MS } from '../engine/bucket-time.js';
import { type CounterView, counterNumber } from '../engine/carried-counters.js';
import { mergeBuckets } from '../engine/kpi-queries.js';
import { counterRatio } from '../engine/kpi-readers.js';
import { type LineReading } from '../engine/line-reading.js';
import { MEASURES, type MeasureId } from '../engine/measures.js';
import { type QuantileSketch } from '../sketch/index.js';
import { nearestRank } from '../sketch/nearest-rank.js';
import { type DurationSummary } from './duration-summary.js';
import { type ReportPeriod } from './report-period.js';

/** One measure's daily buckets of one slice over a period, merged exactly: counters summed, sketches merged. */
export interface MergedDays {
  readonly counters: CounterView;
  readonly sketch: QuantileSketch | null;
}

/** The counters of the duration measures (`releaseTime`, trs-measures.ts): a count, then a sum in milliseconds. */
const N = 0;
const SUM_MS = 1;

/** The days of `period` of one measure's line, merged. */
export function mergedDays(measure: MeasureId, line: Pick<LineReading, 'at'>, period: ReportPeriod): MergedDays {
  return mergeBuckets(line, period.from, period.to - DAY_MS, DAY_MS, MEASURES[measure].fields.length);
}

/** n, mean and the nearest-rank median and p90 of a duration measure's merged days, in hours. */
export function durationFigures({ counters, sketch }: MergedDays): DurationSummary {
  const n = counterNumber(counters, N);
  if (n === 0) return { n, mean: null, p50: null, p90: null };
  return { n, mean: counterRatio(counters, SUM_MS, N, HOUR_MS), p50: sketch?.quantile(0.5) ?? null, p90: sketch?.quantile(0.9) ?? null };
}

/**
 * n, mean and median of one segment, from its durations that are not negative and the magnitudes of those that are
 * (trs-measures.ts): the mean from the exact sums, the median at its nearest rank among all of them, negatives first.
 */
export function segmentFigures(positive: MergedDays, negative: MergedDays): { n: number; mean: number | null; median: number | null } {
  const positives = counterNumber(positive.counters, N);
  const negatives = counterNumber(negative.counters, N);
  const n = positives + negatives;
  if (n === 0) return { n, mean: null, median: null };
  const sumMs = counterNumber(positive.counters, SUM_MS) - counterNumber(negative.counters, SUM_MS);
  const rank = nearestRank(0.5, n);
  // Sorted, the negatives come first, the largest magnitude first.
  const median = rank <= negatives ? -negative.sketch!.atRank(negatives - rank + 1) : positive.sketch!.atRank(rank - negatives);
  return { n, mean: sumMs / n / HOUR_MS, median };
}
