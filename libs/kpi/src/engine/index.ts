export { type Granularity, GRANULARITIES, bucketStart, isGranularity } from './bucket-time.js';
export { type BucketAddress, MalformedBucketKeyError, bucketKey, parseBucketKey } from './bucket-key.js';
export { type BucketJson, KpiBucket, MalformedBucketJsonError } from './buckets.js';
export { DEFAULT_HELD_BUCKETS, type HeldBucketsPolicy } from './bucket-horizons.js';
export { DEFAULT_HELD_SUBJECTS, type HeldSubjectsPolicy } from './held-subjects.js';
export { type ColdBucketRange, ColdBucketsNeededError } from './cold-buckets-needed-error.js';
export { type CaseFacts } from './case-facts.js';
export { type DeclarationFacts, attributesOf, finalLaneOf } from './declaration-facts.js';
export { type KpiEngineEvent } from './engine-event.js';
export { type BucketHorizonsJson, type KpiEngineSnapshot } from './engine-snapshot.js';
export {
  type CaseFactsJson,
  type CaseStateJson,
  type DeclarationFactsJson,
  type DeclarationStateJson,
  caseFactsFromJson,
  caseFactsToJson,
  declarationFactsFromJson,
  declarationFactsToJson,
} from './facts-json.js';
export { type KpiBucketChange, type KpiChanges, type KpiCurrentChange } from './kpi-changes.js';
export { DEFAULT_RELEASE_TARGET_HOURS, KpiEngine, type KpiEngineOptions } from './kpi-engine.js';
export { CURRENT_WINDOW_HOURS, type CurrentKpiValue, type SeriesPoint } from './kpi-queries.js';
export { KpiQueryError } from './kpi-query-error.js';
export { type KpiValue } from './kpi-readers.js';
export { type MeasureId, MEASURES } from './measures.js';
export { type QualityCountersJson } from './quality-counters.js';
export { type KpiFilters, TOTAL_SLICE, filtersOfSlice, sliceKey } from './slices.js';
export { MalformedFactsJsonError } from './stamped-json.js';
