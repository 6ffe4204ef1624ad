/**
 * @customs-pulse/kpi: the KPI engine of Customs Pulse (kpis.md): declaration facts, KPI buckets, mergeable sketches.
 * Framework- and driver-free; the read models are `@customs-pulse/kpi/sqlite` and `@customs-pulse/kpi/postgres`, the
 * NestJS module, queries and HTTP endpoints `@customs-pulse/kpi/api`.
 */
export * from './sketch/index.js';
export * from './engine/index.js';
export * from './read-model/read-model.port.js';
export * from './read-model/stale-checkpoint-error.js';
export { type KpiChangeListener, type ProjectorLogger } from './projection/kpi-change-listener.js';
export { type KpiEngineFactory, kpiEngineFactory } from './projection/kpi-engine-factory.js';
export { KpiProjector, type KpiProjectorOptions } from './projection/kpi-projector.js';
export * from './read-model/read-model-generations.port.js';
export * from './notifier/notifier.port.js';
export { KpiProjection, type KpiProjectionOptions, type KpiProjectionView, type KpiRebuildReport } from './projection/kpi-projection.js';
export { KpiAnswers, type KpiRead } from './projection/kpi-answers.js';
export { type OverDaysReader, overDaysOf, withColdBuckets } from './projection/cold-bucket-reads.js';
export { type CurrentReadAt, currentUpdate } from './projection/current-updates.js';
export { KpisAsOf, type KpisAsOfOptions } from './as-of/kpis-as-of.js';
export { type DeclarationReport, type DeclarationFactsView, declarationReport } from './declarations/declaration-report.js';
export { type TrsSegment, type TrsMilestone, trsSegments } from './declarations/trs-segments.js';
export { KpiReadModelUnavailableError } from './read-model/read-model-unavailable-error.js';
export { type KpiReadModelSettings } from './read-model/kpi-read-model-settings.js';
export { MirroringGenerations } from './read-model/mirror/mirroring-generations.js';
export * from './projection/kpi-commit-observer.port.js';
export * from './projection/kpi-projection-metrics.port.js';
export { type ProjectionFailure, type ProjectionFailureListener, ProjectionFailures } from './projection/projection-failures.js';
export * from './thresholds/kpi-thresholds.port.js';
export * from './targets/index.js';
