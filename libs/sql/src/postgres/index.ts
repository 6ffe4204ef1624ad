// PostgreSQL plumbing that the PostgreSQL adapters share; loads pg.
export { isStatementTimeout, isTransientPostgresError } from './transient-postgres-error.js';
export { type MigrationHistory, migratePostgresSchema } from './migrate-postgres-schema.js';
export { assertSchemaName } from './schema-name.js';
export { createPostgresPool, openMigratedPostgresPool } from './postgres-pool.js';
export { type PostgresOutage, withPooledClient } from './pooled-client.js';
