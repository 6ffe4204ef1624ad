import { ErrorType, isCommandError } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError } from '../../errors.js';

const TRANSIENT_TYPES: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
]);

// gRPC status codes CANCELLED, DEADLINE_EXCEEDED and UNAVAILABLE: a multi-stream append's request stream can fail
// with a raw gRPC error that the client does not convert.
const TRANSIENT_GRPC_CODES: ReadonlySet<number> = new Set([1, 4, 14]);

/**
 * A write failed because a stream it expected at some revision had moved on: another writer appended first. For
 * our appends that means the log's head changed under the plan, which is made again on the new head.
 */
export function isLostRace(error: unknown): boolean {
  return (
    error instanceof Error &&
    isCommandError(error) &&
    (error.type === ErrorType.WRONG_EXPECTED_VERSION || error.type === ErrorType.APPEND_CONSISTENCY_VIOLATION)
  );
}

/** The server was unreachable, too slow, or not the leader: the operation may succeed if tried again later. */
export function isTransientKurrentDbError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (isCommandError(error)) return TRANSIENT_TYPES.has(error.type);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code);
}

// gRPC status UNIMPLEMENTED: what a server older than KurrentDB 25.1 answers to a multi-stream append.
const GRPC_UNIMPLEMENTED = 12;

/**
 * What the port reports for a failed KurrentDB call: `EventStoreUnavailableError` when a retry may succeed, an
 * error that names the required version when the server lacks multi-stream appends, otherwise the failure itself.
 */
export function asStoreError(error: unknown, operation: string): unknown {
  if (isTransientKurrentDbError(error)) {
    return new EventStoreUnavailableError(`KurrentDB event store: ${operation} failed; it may be retried`, { cause: error });
  }
  if (error instanceof Error && (error as { code?: unknown }).code === GRPC_UNIMPLEMENTED) {
    return new Error(`KurrentDB event store: ${operation} needs multi-stream appends, which came with KurrentDB 25.1`, { cause: error });
  }
  return error;
}
