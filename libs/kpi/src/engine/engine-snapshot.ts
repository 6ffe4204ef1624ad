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
}
