import { type KpiId } from '@customs-pulse/domain';

import { type QuantileSketch } from '../sketch/index.js';
import { type BacklogReading, backlogAt } from './backlog-line.js';
import { type BucketStore } from './bucket-store.js';
import { type BucketJson } from './buckets.js';
import { type ColdBucketRange, ColdBucketsNeededError } from './cold-buckets-needed-error.js';
import { LineReading } from './line-reading.js';
import { DAY_MS, type Granularity, HOUR_MS, bucketLength, bucketStart } from './bucket-time.js';
import { type CounterView, CounterTotals } from './carried-counters.js';
import { KPI_READERS, type KpiValue } from './kpi-readers.js';
import { MEASURES, type MeasureId } from './measures.js';
import { instantOf, seriesRange, sliceOfQuery } from './query-arguments.js';
import { type KpiFilters } from './slices.js';
import { utcIso } from './utc-millis.js';

/** One bucket of a series. */
export interface SeriesPoint extends KpiValue {
  /** Bucket start, RFC 3339 UTC with milliseconds. */
  readonly start: string;
}

/** A KPI's current value: over the 24 hourly buckets ending with the hour holding `now` (`backlog`: at `now`). */
export interface CurrentKpiValue extends KpiValue {
  readonly window: { readonly from: string; readonly to: string };
}

/** Hourly buckets in the `current` window (kpis.md, "Windows"). */
export const CURRENT_WINDOW_HOURS = 24;

/** The backlog deltas of the hour starting at `hourStart` that fall before `before`, in `slice`. */
export type PartialHourBacklog = (hourStart: number, before: number, slice: string) => number;

/**
 * Reads series and current values out of the buckets (the queries of api.md). A bounded store holds only the buckets
 * after its horizons: a query reaching before them throws {@link ColdBucketsNeededError} naming the range it needs,
 * and is asked again with that range's rows from the read model (`cold`).
 */
export class KpiQueries {
  constructor(
    private readonly store: BucketStore,
    private readonly partialHourBacklog: PartialHourBacklog,
  ) {}

  /** One point per bucket start in [from, to). @throws KpiQueryError, ColdBucketsNeededError */
  series(kpiId: KpiId, granularity: Granularity, from: string, to: string, filters: KpiFilters, cold?: readonly BucketJson[]): SeriesPoint[] {
    const slice = sliceOfQuery(kpiId, filters);
    const range = seriesRange(granularity, from, to);
    const length = bucketLength(granularity);
    const starts: number[] = [];
    for (let start = range.from; start < range.to; start += length) starts.push(start);
    if (kpiId === 'backlog') {
      const backlog = backlogAt(this.backlogReading(slice, range.from + length, cold), starts.map((start) => start + length));
      return starts.map((start, index) => backlogPoint(start, backlog[index] ?? 0));
    }
    const reader = KPI_READERS[kpiId];
    const line = this.lineReading({ measure: reader.measure, granularity, slice, from: range.from, to: range.to }, cold);
    const empty = zeros(reader.measure);
    return starts.map((start) => {
      const bucket = line.at(start);
      return { start: utcIso(start), ...reader.read(bucket ?? empty, bucket?.sketch ?? null) };
    });
  }

  /**
   * The value over the 24 hours ending with the hour holding `now`; `backlog` at `now` itself.
   * @throws KpiQueryError, ColdBucketsNeededError
   */
  current(kpiId: KpiId, now: string, filters: KpiFilters, cold?: readonly BucketJson[]): CurrentKpiValue {
    const slice = sliceOfQuery(kpiId, filters);
    const nowMs = instantOf(now, 'now');
    const lastHour = bucketStart(nowMs, 'hour');
    const firstHour = lastHour - (CURRENT_WINDOW_HOURS - 1) * HOUR_MS;
    const window = { from: utcIso(firstHour), to: utcIso(lastHour + HOUR_MS) };
    if (kpiId === 'backlog') {
      const before = backlogAt(this.backlogReading(slice, lastHour, cold), [lastHour])[0] ?? 0;
      const value = before + this.partialHourBacklog(lastHour, nowMs, slice);
      return { value, n: value, window };
    }
    const reader = KPI_READERS[kpiId];
    const line = this.lineReading({ measure: reader.measure, granularity: 'hour', slice, from: firstHour, to: lastHour + HOUR_MS }, cold);
    const merged = mergeBuckets(line, firstHour, lastHour, HOUR_MS, MEASURES[reader.measure].fields.length);
    return { ...reader.read(merged.counters, merged.sketch), window };
  }

  /**
   * The value over the UTC days [from, to) (day starts), their buckets merged exactly: one value for a whole period,
   * as a strategic target's baseline and recent window need; `backlog` is its value at `to`.
   * @throws KpiQueryError, ColdBucketsNeededError
   */
  overDays(kpiId: KpiId, from: string, to: string, filters: KpiFilters, cold?: readonly BucketJson[]): KpiValue {
    const slice = sliceOfQuery(kpiId, filters);
    const range = seriesRange('day', from, to);
    if (kpiId === 'backlog') {
      const backlog = backlogAt(this.backlogReading(slice, range.to, cold), [range.to])[0] ?? 0;
      return { value: backlog, n: backlog };
    }
    const reader = KPI_READERS[kpiId];
    const line = this.lineReading({ measure: reader.measure, granularity: 'day', slice, from: range.from, to: range.to }, cold);
    const merged = mergeBuckets(line, range.from, range.to - DAY_MS, DAY_MS, MEASURES[reader.measure].fields.length);
    return reader.read(merged.counters, merged.sketch);
  }

  /**
   * One measure's daily buckets in one slice over the UTC days [from, to) (day starts): for a report that reads
   * measures rather than KPIs (the TRS report's daily aggregates). @throws ColdBucketsNeededError
   */
  measureDays(measure: MeasureId, slice: string, from: number, to: number, cold?: readonly BucketJson[]): LineReading {
    return this.lineReading({ measure, granularity: 'day', slice, from, to }, cold);
  }

  /**
   * The buckets of `range`'s line that a query reads: those held and, where the range starts before the store's
   * horizon, the rows read back for the part before it. @throws ColdBucketsNeededError when those are needed, not given
   */
  private lineReading(range: ColdBucketRange, cold: readonly BucketJson[] | undefined): LineReading {
    const held = this.store.line(range.measure, range.granularity, range.slice);
    const horizon = this.store.heldFrom?.of(range.granularity, range.measure) ?? Number.NEGATIVE_INFINITY;
    if (range.from < horizon && cold === undefined) throw new ColdBucketsNeededError({ ...range, to: Math.min(range.to, horizon) });
    return new LineReading(held, horizon, range.from < horizon ? (cold ?? []) : []);
  }

  /** The backlog line of `slice` as read for instants from `firstInstant` on: the hourly buckets from there to the horizon are read back. */
  private backlogReading(slice: string, firstInstant: number, cold: readonly BucketJson[] | undefined): BacklogReading {
    const horizons = this.store.heldFrom;
    const to = horizons?.hour ?? Number.NEGATIVE_INFINITY;
    const line = this.lineReading({ measure: 'backlog', granularity: 'hour', slice, from: firstInstant, to }, cold);
    return { line, carried: horizons?.backlogCarried(slice) ?? 0 };
  }
}

/**
 * Merges the buckets of `length` from `first` to `last` (starts, both included) exactly: sums of the integer counters,
 * carried (carried-counters.ts), and a merge of the sketches, never an average of averages.
 */
export function mergeBuckets(
  line: Pick<LineReading, 'at'>,
  first: number,
  last: number,
  length: number,
  fields: number,
): { counters: CounterView; sketch: QuantileSketch | null } {
  const counters = new CounterTotals(fields);
  let sketch: QuantileSketch | null = null;
  for (let start = first; start <= last; start += length) {
    const bucket = line.at(start);
    if (bucket === undefined) continue;
    counters.add(bucket);
    if (bucket.sketch === null) continue;
    if (sketch === null) sketch = bucket.sketch.clone();
    else sketch.merge(bucket.sketch);
  }
  return { counters, sketch };
}

function backlogPoint(start: number, backlog: number): SeriesPoint {
  return { start: utcIso(start), value: backlog, n: backlog };
}

const ZEROS = new Map<string, CounterView>();

function zeros(measure: keyof typeof MEASURES): CounterView {
  let empty = ZEROS.get(measure);
  if (empty === undefined) {
    empty = { values: Object.freeze(new Array<number>(MEASURES[measure].fields.length).fill(0)), carries: null };
    ZEROS.set(measure, empty);
  }
  return empty;
}
