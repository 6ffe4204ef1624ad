import { type KpiBucket } from './buckets.js';

/**
 * The buckets of one measure, granularity and slice. Keyed by bucket number (start / length: about 500,000 for an
 * hour of 2026) rather than by start in milliseconds, because small integers are V8's fast map keys and the epoch
 * milliseconds of today are not.
 */
export class BucketLine {
  /** @internal Bucket number to bucket; the store's hot path reads it, and changes it through `set` and `delete`. */
  readonly byNumber = new Map<number, KpiBucket>();
  private changes = 0;

  constructor(
    /** Bucket length in milliseconds. */
    readonly length: number,
  ) {}

  /** The bucket starting at `start` (epoch ms), if any. */
  at(start: number): KpiBucket | undefined {
    return this.byNumber.get(start / this.length);
  }

  /** How many buckets it holds. */
  get size(): number {
    return this.byNumber.size;
  }

  /** Counts each bucket put in or taken out: what a cache of the line's starts is checked against. */
  get version(): number {
    return this.changes;
  }

  /** @internal Holds `bucket` at bucket number `number`. */
  set(number: number, bucket: KpiBucket): void {
    this.byNumber.set(number, bucket);
    this.changes += 1;
  }

  /** @internal Stops holding the bucket at bucket number `number`. */
  delete(number: number): void {
    if (this.byNumber.delete(number)) this.changes += 1;
  }

  /** Its buckets, in no particular order. */
  buckets(): IterableIterator<KpiBucket> {
    return this.byNumber.values();
  }
}
