import { isTransientPostgresError } from '@customs-pulse/sql/postgres';
import pg from 'pg';

import { KpiProjectionLeaseHeldError } from '../read-model-generations.port.js';
import { KpiReadModelUnavailableError } from '../read-model-unavailable-error.js';

/**
 * The projection's lease on a control schema: a session advisory lock, keyed by the schema's name, on a connection
 * of its own that lives as long as the lease. PostgreSQL releases it when that session ends, however it ends, so a
 * crashed holder never keeps it.
 */
export class PostgresProjectionLease {
  private ended = false;

  private constructor(
    /** The connection holding the lock, on which the control schema is read and written. */
    readonly client: pg.Client,
    private readonly schema: string,
  ) {}

  /**
   * Connects with the settings of `pool`, outside it, and takes the lease of `schema`.
   * @throws KpiProjectionLeaseHeldError when another session holds it.
   * @throws KpiReadModelUnavailableError when PostgreSQL cannot be reached.
   */
  static async take(pool: pg.Pool, schema: string): Promise<PostgresProjectionLease> {
    const client = new pg.Client(pool.options);
    // A dropped connection emits 'error'; unheard it would crash the process. The next query reports it.
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken', [
        `customs-pulse/kpi-projection/${schema}`,
      ]);
      if (!rows[0]!.taken) throw new KpiProjectionLeaseHeldError(`PostgreSQL schema ${schema}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      if (isTransientPostgresError(error)) {
        throw new KpiReadModelUnavailableError(`cannot take the KPI projection lease on PostgreSQL schema ${schema}`, { cause: error });
      }
      throw error;
    }
    return new PostgresProjectionLease(client, schema);
  }

  /**
   * Runs `sql` on the lease's connection. Once that connection is lost the lease may be another's, so every later
   * query fails too.
   */
  async query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<Row[]> {
    try {
      return (await this.client.query<Row>(sql, values)).rows;
    } catch (error) {
      if (!isTransientPostgresError(error)) throw error;
      throw new KpiReadModelUnavailableError(`lost the connection holding the KPI projection lease on PostgreSQL schema ${this.schema}; reopen`, {
        cause: error,
      });
    }
  }

  /** Ends the session, and with it the lock. */
  async release(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.client.end().catch(() => undefined);
  }
}
