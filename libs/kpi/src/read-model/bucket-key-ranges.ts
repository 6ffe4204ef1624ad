import { MAX_FUTURE_SKEW_MS } from '@customs-pulse/domain';

import { bucketKey } from '../engine/bucket-key.js';
import { heldFromOf } from '../engine/bucket-horizons.js';
import { bucketLength, bucketStart } from '../engine/bucket-time.js';
import { type BucketHorizonsJson } from '../engine/engine-snapshot.js';
import { MEASURES, MEASURE_IDS, type MeasureId, isReportOnly } from '../engine/measures.js';
import { type BucketLineAddress, type EpochLoad } from './read-model.port.js';

/**
 * Ranges of `bucketKey`s, for reads through the key's unique index. A key is `measure|granularity|start|slice` with
 * the start 24 characters wide (RFC 3339 UTC with milliseconds, years 0 to 9999), so within one measure and
 * granularity, byte order of keys is order of start, then of slice. Both read models compare keys bytewise (SQLite's
 * BINARY, PostgreSQL's "C" collation).
 */

/** Keys `from` (inclusive) to `to` (exclusive). */
export interface BucketKeyRange {
  readonly from: string;
  readonly to: string;
}

/** The least key of any bucket of the measure and granularity starting at `start`: the total's, whose slice is ''. */
function firstKeyAt(measure: BucketLineAddress['measure'], granularity: BucketLineAddress['granularity'], start: number): string {
  return bucketKey({ measure, granularity, start, slice: '' });
}

/**
 * The least string after every string that begins with `prefix`: its last character's successor. Only ASCII
 * prefixes here, where the successor of a UTF-16 code unit is also the next byte.
 */
function afterPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * The buckets a bounded engine holds (`KpiReadModel.load` with `hot`): per measure, the hourly ones from
 * `horizons.hour` and the daily ones from `horizons.day` (a report-only measure's from the hour's day, `heldFromOf`);
 * one range per measure and granularity.
 */
export function heldBucketRanges(horizons: Pick<BucketHorizonsJson, 'hour' | 'day'>): BucketKeyRange[] {
  return perLine((measure, granularity) => ({ from: firstKeyAt(measure, granularity, heldFromOf(measure, granularity, horizons)), to: afterPrefix(`${measure}|${granularity}|`) }));
}

/**
 * One range per measure (of `measures`) and granularity it is kept in, each within the keys of that measure and
 * granularity.
 */
function perLine(
  range: (measure: BucketLineAddress['measure'], granularity: BucketLineAddress['granularity']) => BucketKeyRange,
  measures: readonly MeasureId[] = MEASURE_IDS,
): BucketKeyRange[] {
  return measures.flatMap((measure) => MEASURES[measure].granularities.map((granularity) => range(measure, granularity)));
}

/** The measures a live view reads: all but the report-only ones (`EpochLoad.withoutReportMeasures`). */
const LIVE_MEASURE_IDS = MEASURE_IDS.filter((measure) => !isReportOnly(measure));

/** The horizons of an epoch's state as `KpiReadModelHistory.loadAsOf` loads it with `options` (`EpochLoad`). */
export function horizonsLoaded(horizons: BucketHorizonsJson | null, options: EpochLoad): BucketHorizonsJson | null {
  if (horizons === null || options.dailyFromHourHorizon !== true || horizons.slices === undefined) return horizons;
  return { ...horizons, day: Math.max(horizons.day, bucketStart(horizons.hour, 'day')) };
}

/** What bounds the buckets of a closed epoch: its newest event time (null when it had none) and its last `recordedAt`. */
export interface EpochTimes {
  readonly newestEventAt: number | null;
  readonly lastRecordedAt: number;
}

/**
 * The buckets a bounded engine held at the end of an epoch (`KpiReadModelHistory.loadAsOf`): as
 * {@link heldBucketRanges} (every bucket when `horizons` is null), but none starting after the epoch's last instant:
 * its newest event time, or its last `recordedAt` plus the future skew ingest allows (events.md), whichever is later.
 * The bound keeps each range to the epoch's own days: without it, a range would run through every bucket written since.
 * With `withoutReportMeasures`, the report-only measures' lines are left out.
 */
export function bucketRangesAsOf(
  horizons: Pick<BucketHorizonsJson, 'hour' | 'day'> | null,
  epoch: EpochTimes,
  { withoutReportMeasures = false }: EpochLoad = {},
): BucketKeyRange[] {
  const untilMs = Math.max(epoch.newestEventAt ?? Number.NEGATIVE_INFINITY, epoch.lastRecordedAt + MAX_FUTURE_SKEW_MS);
  return perLine(
    (measure, granularity) => ({
      from: horizons === null ? `${measure}|${granularity}|` : firstKeyAt(measure, granularity, heldFromOf(measure, granularity, horizons)),
      to: firstKeyAt(measure, granularity, bucketStart(untilMs, granularity) + bucketLength(granularity)),
    }),
    withoutReportMeasures ? LIVE_MEASURE_IDS : MEASURE_IDS,
  );
}

/**
 * The keys of `line`'s buckets starting in [from, to) (`ColdBuckets.bucketsBetween`), one per bucket start: looked up
 * one by one through the key's index, which reads only the line's rows, where a range of keys would read those of
 * every slice of the measure in between (a year of daily buckets of a measure holds hundreds of slices a day).
 */
export function bucketLineKeys(line: BucketLineAddress, from: number, to: number): string[] {
  const length = bucketLength(line.granularity);
  const keys: string[] = [];
  for (let start = from; start < to; start += length) keys.push(bucketKey({ ...line, start }));
  return keys;
}
