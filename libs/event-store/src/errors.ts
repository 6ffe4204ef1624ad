import type { ExpectedRevision } from './expected-revision.js';

/** An append's optimistic concurrency check failed; nothing of that append was stored. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';

  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(`stream ${JSON.stringify(stream)}: expected revision ${String(expected)}, actual ${actual === -1 ? 'no stream' : actual}`);
  }
}

/** The store could not be reached or failed to commit; the append may be retried (dedupe absorbs a repeat). */
export class EventStoreUnavailableError extends Error {
  override readonly name = 'EventStoreUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
