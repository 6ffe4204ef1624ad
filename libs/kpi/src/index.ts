/**
 * @customs-pulse/kpi: the KPI engine of Customs Pulse (kpis.md): declaration facts, KPI buckets, mergeable sketches.
 * Framework-free.
 */
export * from './sketch/index.js';
export * from './engine/index.js';
