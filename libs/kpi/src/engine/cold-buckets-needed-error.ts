import { type BucketAddress } from './bucket-key.js';

/** The buckets of one line starting in [from, to) (epoch milliseconds): what a query needs read back. */
export interface ColdBucketRange extends Omit<BucketAddress, 'start'> {
  readonly from: number;
  readonly to: number;
}

/**
 * A query over buckets a bounded engine let go of (README, "Hot and cold state"), asked without them: read the range
 * from the read model and ask again with its rows. Never a silent answer from the buckets held alone.
 */
export class ColdBucketsNeededError extends Error {
  override readonly name = 'ColdBucketsNeededError';

  constructor(readonly range: ColdBucketRange) {
    super(
      `the buckets of ${range.measure} by ${range.granularity} in slice '${range.slice}' from ${new Date(range.from).toISOString()} ` +
        `to ${new Date(range.to).toISOString()} are not held: read them from the read model`,
    );
  }
}
