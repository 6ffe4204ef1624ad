import type { ValidationProblem } from '@customs-pulse/domain';
import { EventStoreUnavailableError } from '@customs-pulse/event-store';
import { isTransientPostgresError } from '@customs-pulse/sql/postgres';

/**
 * SQLite result codes a retry can cure: another process holds the write lock, or the disk failed or filled for now.
 * (The SQLite store reports its engine's errors as they are; PostgreSQL and KurrentDB report theirs as
 * `EventStoreUnavailableError`.)
 */
const TRANSIENT_SQLITE_CODE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL)/;

/**
 * True when an append failed because of the infrastructure, not of the records: the store is unreachable, failing
 * over or restarting, a connection dropped, a transaction lost a serialization conflict or a lock wait timed out.
 * Such a failure is retried for as long as it lasts and never dead-letters a record. Any other failure says something
 * about the records themselves (architecture.md, guarantee 8).
 */
export function isInfrastructureFailure(error: unknown): boolean {
  if (error instanceof EventStoreUnavailableError || isTransientPostgresError(error)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_SQLITE_CODE.test(code);
}

/** The reason a record that could not be stored, alone, carries to the dead-letter topic. */
export function poisonProblem(error: unknown, attempts: number): ValidationProblem {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { path: '', message: `could not be stored (${attempts} attempts): ${what}` };
}
