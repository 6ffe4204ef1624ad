// @customs-pulse/kpi/postgres: the KPI read model on PostgreSQL (the distributed deployment); loads pg.
export { PostgresKpiReadModel, type PostgresKpiReadModelOptions } from './postgres-kpi-read-model.js';
export { PostgresKpiReadModelGenerations, type PostgresKpiReadModelGenerationsOptions } from './postgres-kpi-read-model-generations.js';
export { type PostgresReadModelConnection } from './postgres-pool.js';
export { PostgresMirroredReadModel } from './postgres-mirrored-read-model.js';
