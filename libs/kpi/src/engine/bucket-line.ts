import { type KpiBucket } from './buckets.js';

/**
 * The buckets of one measure, granularity and slice. Keyed by bucket number (start / length: about 500,000 for an
 * hour of 2026) rather than by start in milliseconds, because small integers are V8's fast map keys and the epoch
 * milliseconds of today are not.
 */
export class BucketLine {
  /** @internal Bucket number to bucket; the store's hot path reads it directly. */
  readonly byNumber = new Map<number, KpiBucket>();

  constructor(
    /** Bucket length in milliseconds. */
    readonly length: number,
  ) {}

  /** The bucket starting at `start` (epoch ms), if any. */
  at(start: number): KpiBucket | undefined {
    return this.byNumber.get(start / this.length);
  }

  /** How many buckets it holds; they are never removed, so it only grows. */
  get size(): number {
    return this.byNumber.size;
  }

  /** Its buckets, in no particular order. */
  buckets(): IterableIterator<KpiBucket> {
    return this.byNumber.values();
  }
}
