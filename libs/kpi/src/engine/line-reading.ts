import { type BucketLine } from './bucket-line.js';
import { type BucketJson, KpiBucket } from './buckets.js';

/** A bucket as a query reads it. */
export type ReadBucket = Pick<KpiBucket, 'values' | 'carries' | 'sketch' | 'start'>;

/**
 * One line's buckets as a query reads them: the held ones, and before the horizon those read back from the read model
 * for the query (a bucket held there, read back for a late event, is newer than the stored row, and wins).
 */
export class LineReading {
  private readonly readBack: Map<number, KpiBucket>;

  constructor(
    readonly held: BucketLine | undefined,
    /** Buckets starting before it are read back, if not held. */
    readonly horizon: number,
    rows: readonly BucketJson[],
  ) {
    this.readBack = new Map(rows.map((row) => [Date.parse(row.start), KpiBucket.fromJSON(row)]));
  }

  /** The bucket starting at `start`, if any. */
  at(start: number): ReadBucket | undefined {
    const held = this.held?.at(start);
    return held !== undefined || start >= this.horizon ? held : this.readBack.get(start);
  }

  /** The starts of every bucket before the horizon, held or read back, ascending. */
  startsBeforeHorizon(): number[] {
    // An engine holding every bucket has nothing before its horizon: no walk over a line of the whole history.
    if (this.horizon === Number.NEGATIVE_INFINITY) return [];
    const starts = new Set(this.readBack.keys());
    for (const bucket of this.held?.buckets() ?? []) if (bucket.start < this.horizon) starts.add(bucket.start);
    return [...starts].sort((a, b) => a - b);
  }
}
