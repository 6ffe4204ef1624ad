import type { ConsumedRecord } from './consumed-record.js';

/**
 * Records of one partition, in offset order, handed over together. The receiver acknowledges them by committing;
 * what it does not commit is delivered again (to it, or to the next owner of the partition).
 */
export interface RecordBatch {
  readonly topic: string;
  readonly partition: number;
  /** Never empty. */
  readonly records: readonly ConsumedRecord[];
  /**
   * True once the partition was taken from this consumer (a rebalance) or the batch was superseded: its records
   * go to the next owner, so this consumer must not commit them.
   */
  isRevoked(): boolean;
  /** Tells the group this consumer is alive during long work; rejects when the group is rebalancing. */
  heartbeat(): Promise<void>;
  /**
   * Durably commits the partition's position just past `record` (one of {@link records}): it and every record
   * before it are acknowledged. Works while the source is stopping, so that an in-flight batch can still be
   * acknowledged.
   */
  commitThrough(record: ConsumedRecord): Promise<void>;
}

/** Handles one batch; a batch it returns from without committing is delivered again. */
export type RecordBatchHandler = (batch: RecordBatch) => Promise<void>;

/**
 * A consumer-group subscription to some topics, delivering one partition's batch at a time to a handler. It never
 * commits by itself: positions move only through {@link RecordBatch.commitThrough}.
 */
export interface RecordBatchSource {
  /** Connects, joins the group and starts handing batches to `handler`; resolves once consuming has started. */
  start(handler: RecordBatchHandler): Promise<void>;
  /**
   * Stops fetching, waits for the batch in `handler` to return, leaves the group and disconnects. Safe to call
   * more than once.
   */
  stop(): Promise<void>;
  /** Whether the source is a member of its group now: joined, and neither stopped nor given up for good. */
  readonly inGroup: boolean;
}
