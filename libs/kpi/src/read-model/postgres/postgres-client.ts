import type pg from 'pg';
import { type PostgresOutage, withPooledClient } from '@customs-pulse/sql/postgres';

import { KpiReadModelUnavailableError } from '../read-model-unavailable-error.js';

/**
 * Runs `work` on a client of `pool` and gives the client back. A transient failure (the pool cannot connect, the
 * connection broke) becomes a {@link KpiReadModelUnavailableError}, and its client is destroyed, not reused.
 */
export async function withReadModelClient<T>(pool: pg.Pool, where: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withPooledClient(pool, readModelOutage(where), work);
}

function readModelOutage(where: string): PostgresOutage {
  return {
    unreachable: (cause) => new KpiReadModelUnavailableError(`KPI read model ${where} is unreachable`, { cause }),
    failed: (cause) => new KpiReadModelUnavailableError(`KPI read model ${where} failed; retry`, { cause }),
  };
}

/**
 * Runs `work` in a transaction opened by `begin` and commits it; on failure rolls back (when the connection still
 * can) and rethrows what failed.
 */
export async function inTransaction<T>(client: pg.ClientBase, begin: string, work: () => Promise<T>): Promise<T> {
  await client.query(begin);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  await client.query('COMMIT');
  return result;
}

/**
 * Runs `read` in one READ ONLY REPEATABLE READ transaction on `client`: every statement sees the snapshot the first
 * one took, so the rows of several reads stand for one checkpoint while a projector commits.
 */
export function inReadSnapshot<T>(client: pg.ClientBase, read: () => Promise<T>): Promise<T> {
  return inTransaction(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', read);
}
