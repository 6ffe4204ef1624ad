import { type BucketJson } from './buckets.js';
import { type CaseStateJson, type DeclarationStateJson } from './facts-json.js';
import { type QualityCountersJson } from './quality-counters.js';

/**
 * The engine's state as JSON: the whole of it ({@link KpiEngine.toJSON}), or what changed since the last drain
 * ({@link KpiEngine.drainDirty}). A read model keeps declarations and cases by subject, buckets by `bucketKey`, and
 * the quality counters whole; writing each drain over the previous state, key by key, keeps it equal to `toJSON()`,
 * from which {@link KpiEngine.fromJSON} restores an engine that goes on exactly as the original would.
 */
export interface KpiEngineSnapshot {
  readonly declarations: readonly DeclarationStateJson[];
  readonly cases: readonly CaseStateJson[];
  readonly buckets: readonly BucketJson[];
  readonly quality: QualityCountersJson;
  /**
   * Where a bounded engine holds its buckets from (bucket-horizons.ts): absent from an engine that holds every bucket,
   * and from a drain that leaves the stored horizons as they are.
   */
  readonly bucketHorizons?: BucketHorizonsJson | null;
}

/**
 * The buckets a bounded engine let go of (README, "Hot and cold state"): hourly ones before `hour`, daily ones before
 * `day`, and what the backlog's running sum owes to the hourly backlog buckets before `hour`.
 */
export interface BucketHorizonsJson {
  /** Epoch milliseconds, an hour's start: hourly buckets starting before it are kept on disk only. */
  readonly hour: number;
  /** Epoch milliseconds, a day's start, at or before `hour`: daily buckets starting before it are kept on disk only. */
  readonly day: number;
  /** Per slice of the `backlog` measure: the sum of the deltas of every hourly backlog bucket starting before `hour`. */
  readonly backlogBefore: Readonly<Record<string, number>>;
  /**
   * The one-dimension slices (`office=…`, `transportMode=…`, `regime=…`, `category=…`) of every bucket made, held or let go of, in
   * code-unit order: the offices an engine lists (`KpiEngine.offices`) whatever it holds. Absent from horizons written
   * before it: such a read model does not load (written-before.ts).
   */
  readonly slices?: readonly string[];
}
