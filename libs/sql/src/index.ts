/**
 * @customs-pulse/sql: what every SQL adapter of the system (event store, ingest quality tally, KPI read model) does
 * the same way, in one place: versioned migrations, durable SQLite files, PostgreSQL pools, schema names and
 * transient failures. This entry point loads no driver; the driver's plumbing is `@customs-pulse/sql/sqlite` and
 * `@customs-pulse/sql/postgres`, which only adapters import.
 */
export type { Migration } from './migration.js';
export { DEFAULT_POSTGRES_SESSION_LIMITS, type PostgresSessionLimits } from './postgres-session-limits.js';
export { isTransientSqliteError } from './transient-sqlite-error.js';
