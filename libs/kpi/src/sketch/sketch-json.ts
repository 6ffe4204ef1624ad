import { MIN_INDEXABLE_VALUE, QUANTILE_RELATIVE_ACCURACY, bucketIndexOf } from './log-buckets.js';
import { MalformedSketchJsonError } from './sketch-errors.js';

/**
 * The persisted form of a {@link QuantileSketch}: plain JSON, with the buckets in ascending index order so that equal
 * sketches serialize to identical text. Indexes are delta-encoded (first absolute, then the gap to the previous one),
 * which keeps them to one or two digits.
 */
export interface SketchJson {
  /** Format version. */
  readonly v: 1;
  /** The relative accuracy the buckets were cut for; a sketch only decodes under the same one. */
  readonly alpha: number;
  /** Observations in the zero bucket. */
  readonly zero: number;
  /** Bucket indexes, ascending, delta-encoded. */
  readonly idx: readonly number[];
  /** Observations per bucket, in the order of {@link SketchJson.idx}; each at least 1. */
  readonly cnt: readonly number[];
}

/** A sketch's content: the zero bucket, and the other buckets' indexes, ascending, with their counts. */
export interface SketchBuckets {
  readonly zero: number;
  readonly indexes: readonly number[];
  readonly counts: readonly number[];
}

const MIN_BUCKET_INDEX = bucketIndexOf(MIN_INDEXABLE_VALUE);
const MAX_BUCKET_INDEX = bucketIndexOf(Number.MAX_VALUE);

/** Encodes buckets already in ascending index order. */
export function encodeSketchJson({ zero, indexes, counts }: SketchBuckets): SketchJson {
  const idx = indexes.map((index, position) => (position === 0 ? index : index - indexes[position - 1]!));
  return { v: 1, alpha: QUANTILE_RELATIVE_ACCURACY, zero, idx, cnt: counts.slice() };
}

/**
 * Decodes and checks a persisted sketch (it comes back from storage, so it is not trusted).
 * @throws MalformedSketchJsonError when anything does not fit {@link SketchJson} or the total is not a safe integer.
 */
export function decodeSketchJson(json: SketchJson): SketchBuckets {
  if (typeof json !== 'object' || json === null) throw new MalformedSketchJsonError('not an object');
  if (json.v !== 1) throw new MalformedSketchJsonError(`unknown version ${String(json.v)}`);
  if (json.alpha !== QUANTILE_RELATIVE_ACCURACY) {
    const expected = QUANTILE_RELATIVE_ACCURACY;
    throw new MalformedSketchJsonError(`cut for alpha ${String(json.alpha)}, this build uses ${expected}`);
  }
  if (!isSafeIntegerFrom(json.zero, 0)) throw new MalformedSketchJsonError('zero is not a non-negative integer');
  if (!Array.isArray(json.idx) || !Array.isArray(json.cnt) || json.idx.length !== json.cnt.length) {
    throw new MalformedSketchJsonError('idx and cnt are not arrays of the same length');
  }
  const indexes: number[] = [];
  const counts: number[] = [];
  let total = json.zero;
  let index = 0;
  for (let position = 0; position < json.idx.length; position += 1) {
    const delta: unknown = json.idx[position];
    const count: unknown = json.cnt[position];
    if (!isSafeIntegerFrom(delta, position === 0 ? -Infinity : 1)) {
      throw new MalformedSketchJsonError(`idx[${position}] is not ${position === 0 ? 'an integer' : 'a positive gap'}`);
    }
    if (!isSafeIntegerFrom(count, 1)) throw new MalformedSketchJsonError(`cnt[${position}] is not a positive integer`);
    index = position === 0 ? delta : index + delta;
    if (index < MIN_BUCKET_INDEX || index > MAX_BUCKET_INDEX) {
      throw new MalformedSketchJsonError(`bucket index ${index} is outside the range of finite values`);
    }
    total += count;
    indexes.push(index);
    counts.push(count);
  }
  if (!Number.isSafeInteger(total)) throw new MalformedSketchJsonError('total count is not a safe integer');
  return { zero: json.zero, indexes, counts };
}

/** An integer, safe, and at least `min`. */
function isSafeIntegerFrom(value: unknown, min: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min;
}
