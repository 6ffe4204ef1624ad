import { type PostgresSessionLimits } from '@customs-pulse/sql';
import { createPostgresPool } from '@customs-pulse/sql/postgres';
import type pg from 'pg';

/** How a PostgreSQL read model reaches its database: a pool of the caller's, or a connection string to make one. */
export type PostgresReadModelConnection =
  | {
      /** A pool the caller made and ends; the read model only borrows its clients. */
      readonly pool: pg.Pool;
    }
  | {
      /** e.g. `postgres://user@127.0.0.1:5432/customs` */
      readonly connectionString: string;
      /** Connections in the pool the read model makes and ends. @defaultValue 4 */
      readonly poolSize?: number;
      /** Time limits of its sessions. @defaultValue `DEFAULT_POSTGRES_SESSION_LIMITS` */
      readonly sessionLimits?: PostgresSessionLimits;
    };

/** A pool and whether closing its user must end it. */
export interface BorrowedPool {
  readonly pool: pg.Pool;
  readonly owned: boolean;
}

/** The application name of the pools made here: what an operator sees in `pg_stat_activity`. */
export const READ_MODEL_APPLICATION_NAME = 'customs-pulse-kpi-read-model';

/** The caller's pool, or a new one for its connection string. */
export function borrowPool(connection: PostgresReadModelConnection): BorrowedPool {
  if ('pool' in connection) return { pool: connection.pool, owned: false };
  const pool = createPostgresPool(
    { connectionString: connection.connectionString, max: connection.poolSize ?? 4, application_name: READ_MODEL_APPLICATION_NAME },
    connection.sessionLimits,
  );
  return { pool, owned: true };
}
