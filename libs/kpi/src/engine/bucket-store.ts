import { BucketLine } from './bucket-line.js';
import { type Granularity, bucketLength } from './bucket-time.js';
import { KpiBucket } from './buckets.js';
import { MEASURE_IDS, MEASURES, type MeasureId } from './measures.js';
import { type Observation } from './observation.js';

type Table = Map<string, BucketLine>;

/**
 * Every bucket, indexed measure → granularity → slice → bucket number: nested maps rather than one map by composed
 * key, so that no string is built per observation. Remembers the buckets touched since they were last drained, once for persistence and once for
 * change notification, by a flag on the bucket rather than a set, which costs a hash lookup per touch.
 */
export class BucketStore {
  private readonly tables: Record<MeasureId, Record<Granularity, Table>>;
  /**
   * Per measure, granularity, set of slices (the memoized arrays of `sliceKeysOf`, compared by identity) and bucket
   * number: the buckets an observation goes to. Two lookups per granularity instead of two per slice; the price is
   * one small array per 2^k buckets.
   */
  private readonly groups: Record<MeasureId, Record<Granularity, Map<readonly string[], Map<number, KpiBucket[]>>>>;
  private dirty: KpiBucket[] = [];
  private changed: KpiBucket[] = [];

  constructor() {
    this.tables = byMeasureAndGranularity(() => new Map());
    this.groups = byMeasureAndGranularity(() => new Map());
  }

  /** Adds (`sign` 1) or removes (`sign` -1) an observation in each of its buckets. */
  apply(observation: Observation, sign: 1 | -1): void {
    const { measure, slices } = observation;
    for (const granularity of MEASURES[measure].granularities) {
      const number = Math.floor(observation.at / bucketLength(granularity));
      const groups = this.groups[measure][granularity];
      let byNumber = groups.get(slices);
      if (byNumber === undefined) {
        byNumber = new Map();
        groups.set(slices, byNumber);
      }
      let buckets = byNumber.get(number);
      if (buckets === undefined) {
        buckets = slices.map((slice) => this.bucketAt(measure, granularity, number, slice));
        byNumber.set(number, buckets);
      }
      for (const bucket of buckets) {
        bucket.apply(observation, sign);
        this.touched(bucket);
      }
    }
  }

  /** Puts back a persisted bucket, replacing any at its address; not reported as touched. */
  restore(bucket: KpiBucket): void {
    this.forgetGroups();
    const table = this.tables[bucket.measure][bucket.granularity];
    let line = table.get(bucket.slice);
    if (line === undefined) {
      line = new BucketLine(bucketLength(bucket.granularity));
      table.set(bucket.slice, line);
    }
    line.byNumber.set(bucket.start / line.length, bucket);
  }

  /** The buckets of one measure, granularity and slice; `undefined` when none was ever created. */
  line(measure: MeasureId, granularity: Granularity, slice: string): BucketLine | undefined {
    return this.tables[measure][granularity].get(slice);
  }

  /** Every bucket, in no particular order. */
  *all(): IterableIterator<KpiBucket> {
    for (const measure of MEASURE_IDS) {
      for (const table of Object.values(this.tables[measure])) {
        for (const line of table.values()) yield* line.buckets();
      }
    }
  }

  /** The buckets touched since the last call, for persistence. */
  drainDirty(): KpiBucket[] {
    const drained = this.dirty;
    this.dirty = [];
    for (const bucket of drained) bucket.pendingFlush = false;
    return drained;
  }

  /** The buckets touched since the last call, for change notification. */
  drainChanged(): KpiBucket[] {
    const drained = this.changed;
    this.changed = [];
    for (const bucket of drained) bucket.pendingChange = false;
    return drained;
  }

  /** The bucket at an address, created empty when missing. */
  private bucketAt(measure: MeasureId, granularity: Granularity, number: number, slice: string): KpiBucket {
    const table = this.tables[measure][granularity];
    let line = table.get(slice);
    if (line === undefined) {
      line = new BucketLine(bucketLength(granularity));
      table.set(slice, line);
    }
    let bucket = line.byNumber.get(number);
    if (bucket === undefined) {
      bucket = new KpiBucket(measure, granularity, number * line.length, slice);
      line.byNumber.set(number, bucket);
    }
    return bucket;
  }

  /** A restored bucket replaces the one a group may hold. */
  private forgetGroups(): void {
    for (const measure of MEASURE_IDS) for (const byGranularity of Object.values(this.groups[measure])) byGranularity.clear();
  }

  private touched(bucket: KpiBucket): void {
    if (!bucket.pendingFlush) {
      bucket.pendingFlush = true;
      this.dirty.push(bucket);
    }
    if (!bucket.pendingChange) {
      bucket.pendingChange = true;
      this.changed.push(bucket);
    }
  }
}

function byMeasureAndGranularity<T>(create: () => T): Record<MeasureId, Record<Granularity, T>> {
  return Object.fromEntries(MEASURE_IDS.map((id) => [id, { hour: create(), day: create() }])) as Record<
    MeasureId,
    Record<Granularity, T>
  >;
}
