import { MIN_INDEXABLE_VALUE, bucketIndexOf, bucketRepresentative } from './log-buckets.js';
import { nearestRank } from './nearest-rank.js';
import { AbsentObservationError } from './sketch-errors.js';
import { type SketchJson, decodeSketchJson, encodeSketchJson } from './sketch-json.js';

/**
 * A mergeable quantile sketch that supports removal, for the percentile KPIs (kpis.md, "Windows").
 *
 * Non-negative values go to log-spaced buckets (see `log-buckets.ts`) holding integer counts, so a nearest-rank
 * quantile is answered within a relative `QUANTILE_RELATIVE_ACCURACY` (α) of the exact one, and merging, adding and
 * removing are exact integer arithmetic: the state depends only on the multiset of observations, never on their order,
 * and adding then removing the same values returns it to where it was. Zero, and values below
 * {@link MIN_INDEXABLE_VALUE}, have a bucket of their own that answers 0.
 */
export class QuantileSketch {
  /** Bucket index to count; a bucket whose count reaches 0 is deleted, so equal contents mean equal maps. */
  private readonly buckets = new Map<number, number>();
  private zeroCount = 0;
  private total = 0;
  /** Bucket indexes in ascending order, built on demand; `null` once a bucket was created or deleted since. */
  private ascendingIndexes: readonly number[] | null = [];

  /** Observations held. */
  get count(): number {
    return this.total;
  }

  /**
   * Adds `times` observations of `value`.
   * @param value - a finite number >= 0.
   * @param times - a positive integer. @defaultValue 1
   * @throws RangeError on any other value or times, or when the count would leave the safe integers.
   */
  add(value: number, times = 1): void {
    checkObservation(value, times);
    if (this.total + times > Number.MAX_SAFE_INTEGER) throw new RangeError('quantile sketch count overflow');
    if (value < MIN_INDEXABLE_VALUE) {
      this.zeroCount += times;
    } else {
      this.addToBucket(bucketIndexOf(value), times);
    }
    this.total += times;
  }

  /**
   * Removes observations added before.
   * Absence is detected per bucket: removing a value never added, but sharing a bucket with one that was, goes unseen.
   * @param times - a positive integer. @defaultValue 1
   * @throws AbsentObservationError when the value's bucket holds fewer than `times`; the sketch is then unchanged.
   * @throws RangeError on a value or times that `add` would refuse.
   */
  remove(value: number, times = 1): void {
    checkObservation(value, times);
    if (value < MIN_INDEXABLE_VALUE) {
      if (this.zeroCount < times) throw new AbsentObservationError(value, times, this.zeroCount);
      this.zeroCount -= times;
    } else {
      const index = bucketIndexOf(value);
      const held = this.buckets.get(index) ?? 0;
      if (held < times) throw new AbsentObservationError(value, times, held);
      if (held === times) {
        this.buckets.delete(index);
        this.ascendingIndexes = null;
      } else {
        this.buckets.set(index, held - times);
      }
    }
    this.total -= times;
  }

  /**
   * Adds every observation of `other` into this one (exact: sums of bucket counts); `other` is left as it was.
   * @throws RangeError when the count would leave the safe integers.
   */
  merge(other: QuantileSketch): void {
    if (this.total + other.total > Number.MAX_SAFE_INTEGER) throw new RangeError('quantile sketch count overflow');
    // Merging a sketch into itself only updates existing keys, which Map iteration tolerates.
    for (const [index, count] of other.buckets) this.addToBucket(index, count);
    this.zeroCount += other.zeroCount;
    this.total += other.total;
  }

  /**
   * Nearest-rank quantile: the value at rank ceil(p·n) of the sorted observations, within the relative accuracy.
   * @param p - in (0, 1].
   * @returns `null` when the sketch is empty.
   * @throws RangeError when p is outside (0, 1].
   */
  quantile(p: number): number | null {
    if (!(p > 0 && p <= 1)) throw new RangeError(`quantile p must be in (0, 1], got ${p}`);
    if (this.total === 0) return null;
    const rank = nearestRank(p, this.total);
    let seen = this.zeroCount;
    if (seen >= rank) return 0;
    for (const index of this.indexesAscending()) {
      seen += this.buckets.get(index) ?? 0;
      if (seen >= rank) return bucketRepresentative(index);
    }
    throw new Error(`quantile sketch counts out of step: rank ${rank} beyond ${seen} observations`);
  }

  /** An independent copy. */
  clone(): QuantileSketch {
    const copy = new QuantileSketch();
    for (const [index, count] of this.buckets) copy.buckets.set(index, count);
    copy.zeroCount = this.zeroCount;
    copy.total = this.total;
    copy.ascendingIndexes = this.ascendingIndexes;
    return copy;
  }

  /** Whether the sketch holds no observation. */
  isEmpty(): boolean {
    return this.total === 0;
  }

  /** Compact, JSON-safe, deterministic form (same observations in any order give identical output) for persistence. */
  toJSON(): SketchJson {
    const buckets = this.indexesAscending().map((index) => [index, this.buckets.get(index) ?? 0] as const);
    return encodeSketchJson({ zero: this.zeroCount, buckets });
  }

  /**
   * Restores a sketch from {@link QuantileSketch.toJSON}'s output.
   * @throws MalformedSketchJsonError when `json` is not a sketch of this format and relative accuracy.
   */
  static fromJSON(json: SketchJson): QuantileSketch {
    const { zero, buckets } = decodeSketchJson(json);
    const sketch = new QuantileSketch();
    for (const [index, count] of buckets) sketch.buckets.set(index, count);
    sketch.zeroCount = zero;
    sketch.total = buckets.reduce((sum, [, count]) => sum + count, zero);
    sketch.ascendingIndexes = buckets.map(([index]) => index);
    return sketch;
  }

  private addToBucket(index: number, count: number): void {
    const held = this.buckets.get(index);
    if (held === undefined) this.ascendingIndexes = null;
    this.buckets.set(index, (held ?? 0) + count);
  }

  private indexesAscending(): readonly number[] {
    this.ascendingIndexes ??= [...this.buckets.keys()].sort((a, b) => a - b);
    return this.ascendingIndexes;
  }
}

function checkObservation(value: number, times: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`quantile sketch value must be finite and >= 0, got ${value}`);
  }
  if (!(Number.isSafeInteger(times) && times >= 1)) {
    throw new RangeError(`quantile sketch times must be a positive integer, got ${times}`);
  }
}
