import { MIN_INDEXABLE_VALUE, bucketIndexOf } from './log-buckets.js';
import { checkObservation } from './sketch-observation.js';
import { SortedCounts } from './sorted-counts.js';

/**
 * Observations added and removed but not yet applied to a {@link QuantileSketch}: a signed count per log bucket.
 * Several sketches that take the same observations (one per slice and granularity of a KPI bucket) each apply the
 * delta once, with `QuantileSketch#applyDelta`, instead of indexing every observation again; an addition and a
 * removal of the same value cancel out before they reach any sketch. Counts are integers, so the sketches end up
 * exactly as if each observation had been added or removed on its own, in any order.
 */
export class SketchDelta {
  /** @internal Signed counts by log bucket index, ascending; what `QuantileSketch#applyDelta` reads. */
  readonly buckets = new SortedCounts();
  private zeroCount = 0;

  /**
   * Records one addition (`sign` 1) or removal (`sign` -1) of `value`.
   * @throws RangeError when `value` is not finite and >= 0, as `QuantileSketch#add` would.
   */
  record(value: number, sign: 1 | -1): void {
    checkObservation(value, 1);
    if (value < MIN_INDEXABLE_VALUE) this.zeroCount += sign;
    else this.buckets.add(bucketIndexOf(value), sign);
  }

  /** The signed count of the zero bucket (values below `MIN_INDEXABLE_VALUE`). */
  get zero(): number {
    return this.zeroCount;
  }

  /** Forgets everything recorded, once applied. */
  clear(): void {
    this.buckets.clear();
    this.zeroCount = 0;
  }
}
