import type { ValidationProblem } from '@customs-pulse/domain';

/**
 * The problem of an event whose `(source, id)` is already stored with other content (events.md, "Idempotency"):
 * a conflict, rejected, where the same content would have been a duplicate.
 */
export function storedConflictProblem(storedAt: number): ValidationProblem {
  return { path: 'id', message: `(source, id) is already stored with different content, at position ${storedAt}` };
}
