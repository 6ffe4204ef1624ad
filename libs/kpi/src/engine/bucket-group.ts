import { SketchDelta } from '../sketch/index.js';
import { type KpiBucket } from './buckets.js';
import { carryOver, mustCarry } from './carried-counters.js';
import { type CounterArena, type CounterSlot } from './counter-arena.js';
import { type Observation } from './observation.js';

/**
 * The buckets an observation goes to, given its measure, its set of slices and its hour: one per slice for the hour
 * (for a measure kept by hour) and, for a measure kept by day, one per slice for the day holding it (hour buckets first, then day buckets,
 * each in slice order). Observations are summed here first and reach the buckets when the store flushes: one
 * addition per observation instead of one per slice and granularity (up to 16), and the observations a group takes
 * between two flushes share a single pass over its buckets. Counters are integers, carried exactly
 * (carried-counters.ts), and the sketch delta counts integers, so a bucket ends up exactly as if each observation had
 * been applied to it on its own.
 */
export class BucketGroup {
  /** The counters to add to each bucket at the next flush, in the store's arena of deltas; `null` while idle. */
  private pending: CounterSlot | null = null;
  /** The pending delta's carries (carried-counters.ts): many large amounts between two flushes; `null` while none. */
  private carries: Float64Array | null = null;
  private samples: SketchDelta | null = null;
  private sampled = false;

  constructor(
    /** The hour bucket of each slice; none for a measure kept by day only. */
    private readonly hourBuckets: readonly KpiBucket[],
    /** The day bucket of each slice, shared with the other hours of the day; none for a measure kept by hour only. */
    private readonly dayBuckets: readonly KpiBucket[],
    /** Counters of the measure. */
    private readonly fields: number,
  ) {}

  /**
   * Adds (`sign` 1) or removes (`sign` -1) an observation of the group's measure, slices and hour.
   * @param deltas - where an idle group takes room for its delta.
   * @returns whether the group was idle: the store is then to list it for the next flush.
   */
  record(observation: Observation, sign: 1 | -1, deltas: CounterArena): boolean {
    const idle = this.pending === null;
    const { array, offset } = (this.pending ??= deltas.take(this.fields));
    const { values } = observation;
    for (let index = 0; index < values.length; index += 1) {
      if (mustCarry((array[offset + index]! += sign * values[index]!))) {
        carryOver(array, offset + index, (this.carries ??= new Float64Array(this.fields)), index);
      }
    }
    if (observation.sample !== null) {
      (this.samples ??= new SketchDelta()).record(observation.sample, sign);
      this.sampled = true;
    }
    return idle;
  }

  /**
   * Adds what was recorded to each bucket, in order, calling `touched` after each, and becomes idle. The delta's room
   * is the caller's to clear, once every pending group is flushed.
   */
  flush(touched: (bucket: KpiBucket) => void): void {
    if (this.pending === null) return;
    const samples = this.sampled ? this.samples : null;
    applyTo(this.hourBuckets, this.pending, this.carries, samples, touched);
    applyTo(this.dayBuckets, this.pending, this.carries, samples, touched);
    this.pending = null;
    this.carries = null;
    if (this.sampled) this.samples!.clear();
    this.sampled = false;
  }
}

function applyTo(
  buckets: readonly KpiBucket[],
  { array, offset }: CounterSlot,
  carries: Float64Array | null,
  samples: SketchDelta | null,
  touched: (bucket: KpiBucket) => void,
): void {
  for (const bucket of buckets) {
    bucket.applyDelta(array, offset, carries, samples);
    touched(bucket);
  }
}
