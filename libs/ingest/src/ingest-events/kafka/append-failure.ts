import type { ValidationProblem } from '@customs-pulse/domain';
import { EventStoreUnavailableError } from '@customs-pulse/event-store';
import { isTransientPostgresError } from '@customs-pulse/sql/postgres';
import { isTransientSqliteError } from '@customs-pulse/sql';

/**
 * True when an append failed because of the infrastructure, not of the records: the store is unreachable, failing
 * over or restarting, a connection dropped, a transaction lost a serialization conflict or a lock wait timed out.
 * Such a failure is retried for as long as it lasts and never dead-letters a record. Any other failure says something
 * about the records themselves (architecture.md, guarantee 8).
 */
export function isInfrastructureFailure(error: unknown): boolean {
  // Every adapter reports its outages as EventStoreUnavailableError; a driver's own error can still come from a
  // store wrapped by something else (a test's, or a future adapter's), so its transient codes count too.
  return error instanceof EventStoreUnavailableError || isTransientPostgresError(error) || isTransientSqliteError(error);
}

/** The reason a record that could not be stored, alone, carries to the dead-letter topic. */
export function poisonProblem(error: unknown, attempts: number): ValidationProblem {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { path: '', message: `could not be stored (${attempts} attempts): ${what}` };
}
