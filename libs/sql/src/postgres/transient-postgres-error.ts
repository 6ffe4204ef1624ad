const TRANSIENT_SQLSTATE_CLASSES = ['08', '40', '53', '57', '58'];
/**
 * Single SQLSTATEs outside those classes that a retry can cure: `55P03` lock_not_available, a `lock_timeout` waiting
 * behind a session that holds the lock (an append behind a stuck worker, which the server ends in time); `25P03`,
 * the idle-in-transaction timeout that ended such a session.
 */
const TRANSIENT_SQLSTATES = new Set(['55P03', '25P03']);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * True for SQLSTATE `57014` query_canceled: a statement ran over `statement_timeout` (or an operator cancelled it).
 * It is transient (class 57) since load or a lock may clear, but a statement too big to finish in time would time out
 * again at the same size: a caller that can send smaller statements should when it retries.
 */
export function isStatementTimeout(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === '57014';
}

/**
 * True for failures that say nothing about the data: the server is down, restarting, out of resources, or the
 * connection dropped. The caller may retry the same work; an append's dedupe absorbs it if the first attempt did
 * commit.
 */
export function isTransientPostgresError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (TRANSIENT_NODE_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_SQLSTATES.has(code) || TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2));
  }
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message);
}
