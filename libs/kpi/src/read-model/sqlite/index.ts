// @customs-pulse/kpi/sqlite: the KPI read model in SQLite files (the standalone app); loads better-sqlite3.
export { SqliteKpiReadModel, type SqliteKpiReadModelOptions } from './sqlite-kpi-read-model.js';
export { SqliteKpiReadModelGenerations, type SqliteKpiReadModelGenerationsOptions } from './sqlite-kpi-read-model-generations.js';
