import type pg from 'pg';
import { isTransientPostgresError } from './transient-postgres-error.js';

/** The errors an owner reports an outage with, so that its callers see its own unavailability type. */
export interface PostgresOutage {
  /** The pool could not connect. */
  unreachable(cause: unknown): Error;
  /** The work failed transiently (the connection broke, the server restarted); it may be retried. */
  failed(cause: unknown): Error;
}

/**
 * Runs `work` on a client of `pool` and gives the client back. A transient failure becomes the owner's outage error,
 * and its client is destroyed, not reused; any other failure is rethrown as it is.
 */
export async function withPooledClient<T>(pool: pg.Pool, outage: PostgresOutage, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw outage.unreachable(error);
  }
  try {
    const result = await work(client);
    client.release();
    return result;
  } catch (error) {
    const transient = isTransientPostgresError(error);
    // A client whose connection broke goes back to the pool only to be destroyed.
    client.release(transient ? (error as Error) : undefined);
    if (transient) throw outage.failed(error);
    throw error;
  }
}
