import { DAY_MS, type Granularity, bucketStart } from './bucket-time.js';
import { type BucketHorizonsJson } from './engine-snapshot.js';
import { type MeasureId, isReportOnly } from './measures.js';
import { isOneDimensionSlice } from './slices.js';

/**
 * Which buckets a bounded engine keeps in memory (architecture.md, guarantee 7; README, "Hot and cold state"): those
 * of the live windows. The rest is in the read model already, and is read back when a late event or a query needs it.
 */
export interface HeldBucketsPolicy {
  /**
   * `HOURLY_BUCKETS_DAYS`: hourly buckets are held for this many days before the reference instant's hour: `current`
   * reads the last 24 hours, the dashboard's hourly chart the same, and the alert judge reads `current` a little in the
   * past after a restart.
   */
  readonly hourlyDays: number;
  /** `DAILY_BUCKETS_DAYS`: daily buckets are held for this many days before the reference instant's day: the dashboard's 30-day chart and a target's 30-day recent window. */
  readonly dailyDays: number;
}

/** The defaults of {@link HeldBucketsPolicy}. */
export const DEFAULT_HELD_BUCKETS: HeldBucketsPolicy = { hourlyDays: 3, dailyDays: 35 };

/**
 * Where a bounded engine holds buckets from, and the backlog's running sum over the hourly backlog buckets before the
 * hour horizon, per slice: the backlog at an instant is the sum of every delta before it (measures.ts), and this sum
 * stands in for the buckets let go of. It counts every bucket before the horizon, held or not, so that a late delta
 * before the horizon moves it as it moves its bucket. And the one-dimension slices of every bucket made, so that an
 * engine restored with them lists an office whose buckets are all on disk.
 */
export class BucketHorizons {
  private constructor(
    /** Hourly buckets before it may be cold: an hour's start, epoch milliseconds. */
    public hour: number,
    /** Daily buckets before it may be cold: a day's start, at or before the hour horizon's day. */
    public day: number,
    private readonly backlogBefore: Map<string, number>,
    /** {@link BucketHorizonsJson.slices}. */
    private readonly slices: Set<string>,
  ) {}

  /** Horizons before every bucket, where an engine that held everything starts letting go. */
  static none(): BucketHorizons {
    return new BucketHorizons(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, new Map(), new Set());
  }

  static fromJSON(json: BucketHorizonsJson): BucketHorizons {
    if (bucketStart(json.hour, 'hour') !== json.hour || bucketStart(json.day, 'day') !== json.day || json.day > json.hour) {
      throw new RangeError(`malformed bucket horizons: hour ${json.hour}, day ${json.day}`);
    }
    return new BucketHorizons(json.hour, json.day, new Map(Object.entries(json.backlogBefore)), new Set(json.slices ?? []));
  }

  toJSON(): BucketHorizonsJson {
    return { hour: this.hour, day: this.day, backlogBefore: Object.fromEntries(this.backlogBefore), slices: [...this.slices].sort() };
  }

  /** Notes the slice of a bucket made: a one-dimension one is listed whatever becomes of its buckets. */
  nameSlice(slice: string): void {
    if (isOneDimensionSlice(slice)) this.slices.add(slice);
  }

  /** Every one-dimension slice a bucket was made in ({@link BucketHorizonsJson.slices}). */
  namedSlices(): IterableIterator<string> {
    return this.slices.values();
  }

  /** Where the buckets of one measure and granularity are held from (`heldFromOf`). */
  of(granularity: Granularity, measure: MeasureId): number {
    return heldFromOf(measure, granularity, this);
  }

  /** The sum of the deltas of the hourly backlog buckets of `slice` before the hour horizon. */
  backlogCarried(slice: string): number {
    return this.backlogBefore.get(slice) ?? 0;
  }

  /** Adds a delta of an hourly backlog bucket of `slice` before the hour horizon to what is carried. */
  carryBacklog(slice: string, delta: number): void {
    this.backlogBefore.set(slice, (this.backlogBefore.get(slice) ?? 0) + delta);
  }
}

/**
 * The horizons a policy gives at a reference instant (the newest time the live work reads at): hourly buckets from
 * `hourlyDays` before its hour, daily ones from `dailyDays` before its day, and never after the hour horizon's day, so
 * that the day bucket of every held hour is held too.
 */
export function horizonsAt(referenceMs: number, policy: HeldBucketsPolicy): { readonly hour: number; readonly day: number } {
  const hour = bucketStart(referenceMs, 'hour') - policy.hourlyDays * DAY_MS;
  const day = Math.min(bucketStart(referenceMs, 'day') - policy.dailyDays * DAY_MS, bucketStart(hour, 'day'));
  return { hour, day };
}

/**
 * Where a bounded engine holds one measure's buckets of a granularity from: hourly ones from the hour horizon, daily
 * ones from the day horizon, but a report-only measure's (measures.ts) daily ones from the hour horizon's day. Every
 * observation before the hour horizon is read back anyway (cold-deltas.ts), so holding those from there on is as
 * correct, and a start or an `asOf` answer loads 4 days of them rather than `DAILY_BUCKETS_DAYS`.
 */
export function heldFromOf(measure: MeasureId, granularity: Granularity, horizons: { readonly hour: number; readonly day: number }): number {
  if (granularity === 'hour') return horizons.hour;
  if (!isReportOnly(measure) || horizons.hour === Number.NEGATIVE_INFINITY) return horizons.day;
  return bucketStart(horizons.hour, 'day');
}
