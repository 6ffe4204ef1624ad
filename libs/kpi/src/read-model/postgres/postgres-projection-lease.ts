import { isTransientPostgresError } from '@customs-pulse/sql/postgres';
import pg from 'pg';

import { KpiProjectionLeaseHeldError } from '../read-model-generations.port.js';
import { KpiReadModelUnavailableError } from '../read-model-unavailable-error.js';

const LOCK_SQL = 'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken';

/**
 * The projection's lease on a control schema: a session advisory lock, keyed by the schema's name, on a connection
 * of its own that lives as long as the lease. PostgreSQL releases it when that session ends, however it ends, so a
 * crashed holder never keeps it. When the session is lost (a PostgreSQL restart or failover), the next query takes
 * the lease again on a new connection if nobody else took it meanwhile: a restart must not end rebuilds for good.
 */
export class PostgresProjectionLease {
  private ended = false;
  /** Whether the session holding the lock has ended: the lock went with it. */
  private lost = false;

  private constructor(
    /** The connection holding the lock, on which the control schema is read and written. */
    private session: pg.Client,
    private readonly config: pg.ClientConfig,
    private readonly schema: string,
  ) {
    this.watch(session);
  }

  /** The connection holding the lock, on which the control schema is read and written. */
  get client(): pg.Client {
    return this.session;
  }

  /**
   * Connects with the settings of `pool`, outside it, and takes the lease of `schema`.
   * @throws KpiProjectionLeaseHeldError when another session holds it.
   * @throws KpiReadModelUnavailableError when PostgreSQL cannot be reached.
   */
  static async take(pool: pg.Pool, schema: string): Promise<PostgresProjectionLease> {
    return new PostgresProjectionLease(await lockedSession(pool.options, schema), pool.options, schema);
  }

  /**
   * Runs `sql` on the lease's connection. Once that connection is lost, the lease is taken again first; while another
   * session holds it, or PostgreSQL cannot be reached, every query fails.
   * @throws KpiReadModelUnavailableError when the lease cannot be had at the moment.
   */
  async query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<Row[]> {
    if (this.lost) await this.takeAgain();
    try {
      return (await this.session.query<Row>(sql, values)).rows;
    } catch (error) {
      if (!isTransientPostgresError(error)) throw error;
      throw new KpiReadModelUnavailableError(`lost the connection holding the KPI projection lease on PostgreSQL schema ${this.schema}; retry`, {
        cause: error,
      });
    }
  }

  /** Ends the session, and with it the lock. */
  async release(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.session.end().catch(() => undefined);
  }

  private async takeAgain(): Promise<void> {
    if (this.ended) throw new Error(`the KPI projection lease on PostgreSQL schema ${this.schema} was released`);
    let session: pg.Client;
    try {
      session = await lockedSession(this.config, this.schema);
    } catch (error) {
      // Whoever holds it now owns the read model: this holder may change nothing, as when the session is simply lost.
      throw new KpiReadModelUnavailableError(`lost the KPI projection lease on PostgreSQL schema ${this.schema}, and cannot take it again: ${(error as Error).message}`, {
        cause: error,
      });
    }
    void this.session.end().catch(() => undefined);
    this.session = session;
    this.lost = false;
    this.watch(session);
  }

  private watch(session: pg.Client): void {
    const lose = (): void => {
      if (this.session === session) this.lost = true;
    };
    // A dropped connection emits 'error'; unheard it would crash the process.
    session.on('error', lose);
    session.on('end', lose);
  }
}

/**
 * A new connection holding the lease of `schema`.
 * @throws KpiProjectionLeaseHeldError when another session holds it.
 * @throws KpiReadModelUnavailableError when PostgreSQL cannot be reached.
 */
async function lockedSession(config: pg.ClientConfig, schema: string): Promise<pg.Client> {
  const client = new pg.Client(config);
  // Until the lease watches it: a connection dropped while being set up must not crash the process either.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ taken: boolean }>(LOCK_SQL, [`customs-pulse/kpi-projection/${schema}`]);
    if (!rows[0]!.taken) throw new KpiProjectionLeaseHeldError(`PostgreSQL schema ${schema}`);
  } catch (error) {
    await client.end().catch(() => undefined);
    if (isTransientPostgresError(error)) {
      throw new KpiReadModelUnavailableError(`cannot take the KPI projection lease on PostgreSQL schema ${schema}`, { cause: error });
    }
    throw error;
  }
  return client;
}
