import { MIN_INDEXABLE_VALUE, bucketIndexOf, bucketRepresentative } from './log-buckets.js';
import { nearestRank } from './nearest-rank.js';
import { type SketchDelta } from './sketch-delta.js';
import { AbsentObservationError } from './sketch-errors.js';
import { type SketchJson, decodeSketchJson, encodeSketchJson } from './sketch-json.js';
import { checkObservation } from './sketch-observation.js';
import { SortedCounts } from './sorted-counts.js';

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
  /** Observations per log bucket index, ascending; a bucket whose count reaches 0 is dropped. */
  private buckets = new SortedCounts();
  private zeroCount = 0;
  private total = 0;

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
      this.buckets.add(bucketIndexOf(value), times);
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
      const held = this.buckets.get(index);
      if (held < times) throw new AbsentObservationError(value, times, held);
      this.buckets.add(index, -times);
    }
    this.total -= times;
  }

  /**
   * Applies observations recorded in a {@link SketchDelta}: the same state as adding and removing each of them on its
   * own, in any order. All or nothing: it checks every removal before it changes anything.
   * @throws AbsentObservationError when a bucket holds fewer observations than the delta removes from it.
   * @throws RangeError when the count would leave the safe integers.
   */
  applyDelta(delta: SketchDelta): void {
    if (this.zeroCount + delta.zero < 0) throw new AbsentObservationError(0, -delta.zero, this.zeroCount);
    const { buckets } = delta;
    let change = delta.zero;
    for (let position = 0; position < buckets.size; position += 1) {
      const count = buckets.countAt(position);
      change += count;
      if (count >= 0) continue;
      const index = buckets.indexAt(position);
      const held = this.buckets.get(index);
      if (held + count < 0) throw new AbsentObservationError(bucketRepresentative(index), -count, held);
    }
    if (this.total + change > Number.MAX_SAFE_INTEGER) throw new RangeError('quantile sketch count overflow');
    this.buckets.addAll(buckets);
    this.zeroCount += delta.zero;
    this.total += change;
  }

  /**
   * Adds every observation of `other` into this one (exact: sums of bucket counts); `other` is left as it was.
   * @throws RangeError when the count would leave the safe integers.
   */
  merge(other: QuantileSketch): void {
    if (this.total + other.total > Number.MAX_SAFE_INTEGER) throw new RangeError('quantile sketch count overflow');
    this.buckets.addAll(other.buckets);
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
    return this.atRank(nearestRank(p, this.total));
  }

  /**
   * The value at `rank` (1 is the smallest) of the sorted observations, within the relative accuracy: for a quantile
   * over several sketches, such as one of negative values beside one of positive ones.
   * @throws RangeError when rank is not an integer in [1, count].
   */
  atRank(rank: number): number {
    if (!Number.isInteger(rank) || rank < 1 || rank > this.total) throw new RangeError(`rank must be an integer in [1, ${this.total}], got ${rank}`);
    let seen = this.zeroCount;
    if (seen >= rank) return 0;
    const { buckets } = this;
    for (let position = 0; position < buckets.size; position += 1) {
      seen += buckets.countAt(position);
      if (seen >= rank) return bucketRepresentative(buckets.indexAt(position));
    }
    throw new Error(`quantile sketch counts out of step: rank ${rank} beyond ${seen} observations`);
  }

  /** An independent copy. */
  clone(): QuantileSketch {
    const copy = new QuantileSketch();
    copy.buckets = this.buckets.clone();
    copy.zeroCount = this.zeroCount;
    copy.total = this.total;
    return copy;
  }

  /** Whether the sketch holds no observation. */
  isEmpty(): boolean {
    return this.total === 0;
  }

  /** Compact, JSON-safe, deterministic form (same observations in any order give identical output) for persistence. */
  toJSON(): SketchJson {
    return encodeSketchJson({ zero: this.zeroCount, ...this.buckets.ascending() });
  }

  /**
   * Restores a sketch from {@link QuantileSketch.toJSON}'s output.
   * @throws MalformedSketchJsonError when `json` is not a sketch of this format and relative accuracy.
   */
  static fromJSON(json: SketchJson): QuantileSketch {
    const { zero, indexes, counts } = decodeSketchJson(json);
    const sketch = new QuantileSketch();
    sketch.buckets = SortedCounts.fromAscending(indexes, counts);
    sketch.zeroCount = zero;
    sketch.total = counts.reduce((sum, count) => sum + count, zero);
    return sketch;
  }
}
