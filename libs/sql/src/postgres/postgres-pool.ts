import pg from 'pg';
import { DEFAULT_POSTGRES_SESSION_LIMITS, type PostgresSessionLimits } from '../postgres-session-limits.js';
import { type MigrationHistory, migratePostgresSchema } from './migrate-postgres-schema.js';

/** `limits` as the session parameters pg sends when it connects, so that every session of a pool has them. */
function sessionLimitsConfig(limits: PostgresSessionLimits): pg.ClientConfig {
  return {
    lock_timeout: limits.lockTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
  };
}

/**
 * A pool that survives its connections dropping. A client that loses its connection emits 'error', idle (on the
 * pool) or checked out (on itself); unheard, it would crash the process. The query it was running rejects, and that
 * is where the outage is reported. Its sessions run under `limits`, which the server enforces.
 */
export function createPostgresPool(config: pg.PoolConfig, limits: PostgresSessionLimits = DEFAULT_POSTGRES_SESSION_LIMITS): pg.Pool {
  const pool = new pg.Pool({ ...sessionLimitsConfig(limits), ...config });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** A {@link createPostgresPool} whose schema `history` has brought up to date; ended again if that fails. */
export async function openMigratedPostgresPool(
  config: pg.PoolConfig,
  history: MigrationHistory,
  limits: PostgresSessionLimits = DEFAULT_POSTGRES_SESSION_LIMITS,
): Promise<pg.Pool> {
  const pool = createPostgresPool(config, limits);
  try {
    const client = await pool.connect();
    try {
      await migratePostgresSchema(client, history);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}
