/**
 * @customs-pulse/kpi/api: the KPI projection as a NestJS module, with the queries and endpoints of api.md. Kept apart
 * from the framework-free entry point, so the engine, the projector and the benchmarks load no framework.
 */
export { KpiModule, type KpiModuleOptions } from './kpi.module.js';
export { KpiProjectionReadiness } from './http/kpi-projection-readiness.js';
export { RebuildKpiProjectionCommand } from './commands/rebuild-kpi-projection.command.js';
// OpenAPI documentation that the alert endpoints on `/api/kpis/:id` share.
export { KpiThresholdsSchema } from './http/kpi-thresholds.schema.js';
export { ApiKpiIdParam } from './http/kpi-query-parameters.docs.js';
// The adapter the settings name, opened: the one place that picks among the read models, so it loads both drivers.
export { mirrorReadModelGenerations, openReadModelGenerations } from '../read-model/open-read-model-generations.js';
export { type IngestQuality, type IngestQualityReading } from './queries/ingest-quality-reading.port.js';
export { PROMETHEUS_PROJECTION_METRICS, PrometheusProjectionMetrics } from './metrics/prometheus-projection-metrics.js';
export { TargetsModule, type TargetsModuleOptions } from './targets/targets.module.js';
export { TargetPlanReadiness, type TargetPlanStatus } from './targets/target-plan-readiness.js';
export { ListTargetsQuery } from './targets/list-targets.query.js';
export { RetireTargetCommand } from './targets/retire-target.command.js';
export { SetTargetCommand } from './targets/set-target.command.js';
