/**
 * How many events each measurement handles. The raw-driver baselines replay the same schedule on the same rows,
 * so "ours / raw" compares like with like.
 */
export interface Workload {
  /** Untimed batches of {@link Workload.batchSize} and single appends first, to warm the JIT, caches and pool. */
  readonly warmupBatches: number;
  readonly warmupSingles: number;
  /** Events per timed run of `appendMany` with batches of {@link Workload.batchSize}. */
  readonly batchedEvents: number;
  readonly batchSize: number;
  /** Events per timed run of `append(stream, [event])`: one commit each, so far fewer. */
  readonly singleEvents: number;
  /** Each measurement runs this many times; the report quotes the median. */
  readonly repeats: number;
  /** The log is filled up to this many events (untimed, batches of {@link Workload.fillBatchSize}) before readAll. */
  readonly logEvents: number;
  readonly fillBatchSize: number;
  /** The `limit` of each readAll call, and of each page of the raw scan. */
  readonly pageSize: number;
}

export const EVENT_STORE_WORKLOAD: Workload = {
  warmupBatches: 20,
  warmupSingles: 200,
  batchedEvents: 30_000,
  batchSize: 100,
  singleEvents: 2_000,
  repeats: 3,
  logEvents: 200_000,
  fillBatchSize: 1_000,
  pageSize: 1_000,
};

/** Events written by the warm-up and the timed runs, before the fill. */
export function eventsBeforeFill(workload: Workload): number {
  return (
    workload.warmupBatches * workload.batchSize +
    workload.warmupSingles +
    workload.repeats * (workload.batchedEvents + workload.singleEvents)
  );
}
