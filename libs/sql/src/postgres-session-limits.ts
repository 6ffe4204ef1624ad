/**
 * Time limits the server enforces on each PostgreSQL session of a pool (`PG_LOCK_TIMEOUT_MS`,
 * `PG_STATEMENT_TIMEOUT_MS`, `PG_IDLE_IN_TRANSACTION_TIMEOUT_MS`), so that one stuck worker cannot hold a lock, and
 * every append waiting behind it, until TCP gives up. 0 switches a limit off.
 */
export interface PostgresSessionLimits {
  /** Longest wait for a lock (the event store's append lock) before the statement fails with SQLSTATE 55P03. */
  readonly lockTimeoutMs: number;
  /** Longest a statement may run before the server cancels it (SQLSTATE 57014). */
  readonly statementTimeoutMs: number;
  /** Longest a session may sit idle inside a transaction before the server ends the session (SQLSTATE 25P03). */
  readonly idleInTransactionTimeoutMs: number;
}

/** The limits of a pool whose owner names none: the defaults of the Configuration table. */
export const DEFAULT_POSTGRES_SESSION_LIMITS: PostgresSessionLimits = {
  lockTimeoutMs: 10_000,
  statementTimeoutMs: 60_000,
  idleInTransactionTimeoutMs: 30_000,
};
