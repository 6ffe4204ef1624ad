/**
 * @customs-pulse/kpi: the KPI engine of Customs Pulse (kpis.md): declaration facts, KPI buckets, mergeable sketches.
 * Framework-free.
 */
export * from './sketch/index.js';
export * from './engine/index.js';
export * from './read-model/read-model.port.js';
export * from './read-model/stale-checkpoint-error.js';
export { SqliteKpiReadModel, type SqliteKpiReadModelOptions } from './read-model/sqlite/sqlite-kpi-read-model.js';
export { type KpiChangeListener, type ProjectorLogger } from './projector/kpi-change-listener.js';
export { type KpiEngineFactory, kpiEngineFactory } from './projector/kpi-engine-factory.js';
export { KpiProjector, type KpiProjectorOptions } from './projector/kpi-projector.js';
