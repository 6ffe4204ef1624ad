import pg from 'pg';
import { type MigrationHistory, migratePostgresSchema } from './migrate-postgres-schema.js';

/**
 * A pool that survives its connections dropping. A client that loses its connection emits 'error', idle (on the
 * pool) or checked out (on itself); unheard, it would crash the process. The query it was running rejects, and that
 * is where the outage is reported.
 */
export function createPostgresPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** A {@link createPostgresPool} whose schema `history` has brought up to date; ended again if that fails. */
export async function openMigratedPostgresPool(config: pg.PoolConfig, history: MigrationHistory): Promise<pg.Pool> {
  const pool = createPostgresPool(config);
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
