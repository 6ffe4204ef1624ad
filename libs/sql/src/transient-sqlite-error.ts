/**
 * SQLite result codes a retry can cure: another process holds the write lock past the busy timeout, or the disk
 * failed, filled or could not be opened for now. Every other code is about the statement or the data.
 */
const TRANSIENT_SQLITE_CODE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL)/;

/** True for a better-sqlite3 error whose code says the database was unavailable, not that the request was wrong. */
export function isTransientSqliteError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_SQLITE_CODE.test(code);
}
