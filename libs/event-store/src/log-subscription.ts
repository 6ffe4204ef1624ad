import type { AppendNotifications } from './append-notifications.js';
import type { SubscribeOptions } from './event-store.port.js';
import type { Position, RecordedEvent } from './recorded-event.js';

export interface LogSubscriptionSource {
  /** Reads up to `limit` events after `afterPosition` in position order. */
  readAll(afterPosition: Position, limit: number): Promise<RecordedEvent[]>;
  readonly notifications: AppendNotifications;
  /** How long to wait for a notification before reading again anyway (another process may have appended). */
  readonly pollIntervalMs: number;
  /** Aborted when the store closes. */
  readonly closed: AbortSignal;
}

/**
 * Catch-up-then-live subscription over the global log, shared by the adapters. Its cursor is the position, the
 * key the log is ordered by; that no event becomes visible behind a passed cursor is the adapters' append
 * guarantee, which the contract suite tests.
 */
export async function* subscribeToLog(
  source: LogSubscriptionSource,
  afterPosition: Position,
  options: SubscribeOptions = {},
): AsyncGenerator<readonly RecordedEvent[]> {
  const batchSize = options.batchSize ?? 500;
  const signal = options.signal ? AbortSignal.any([options.signal, source.closed]) : source.closed;
  let cursor = afterPosition;
  while (!signal.aborted) {
    const seen = source.notifications.seen;
    const batch = await source.readAll(cursor, batchSize);
    if (batch.length > 0) {
      cursor = batch[batch.length - 1]!.position;
      yield batch;
    } else {
      await source.notifications.wait(seen, source.pollIntervalMs, signal);
    }
  }
}
