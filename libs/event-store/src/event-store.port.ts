import type { ExpectedRevision } from './expected-revision.js';
import type { EventToAppend, LogHead, Position, RecordedEvent } from './recorded-event.js';

/** Dependency-injection token for the {@link EventStore} port. */
export const EVENT_STORE = Symbol('EventStore');

/** Events for one stream, appended together under one concurrency check. */
export interface StreamWrite {
  readonly stream: string;
  readonly events: readonly EventToAppend[];
  /** @defaultValue `'any'` */
  readonly expected?: ExpectedRevision;
}

/** What became of one event of an append, in the order it was given. */
export type AppendOutcome =
  | { readonly status: 'appended'; readonly position: Position; readonly revision: number }
  /** `(source, id)` was already stored with the same content: nothing changed. */
  | { readonly status: 'duplicate'; readonly position: Position }
  /** `(source, id)` was already stored with different content: this one was not stored. */
  | { readonly status: 'conflict'; readonly position: Position }
  /**
   * This store cannot hold the event byte for byte (its limits: events.md, "Limits on values"), so it stored none
   * of it; the rest of the append went ahead. `field` names where (`id`, `data.officeId`, `time`), `reason` why.
   */
  | { readonly status: 'rejected'; readonly field: string; readonly reason: string };

export interface AppendResult {
  readonly stream: string;
  /** Revision of the stream's last event after the write; -1 when the stream still holds nothing. */
  readonly streamRevision: number;
  readonly outcomes: readonly AppendOutcome[];
}

export interface SubscribeOptions {
  /** Most events handed over at once. @defaultValue 500 */
  readonly batchSize?: number;
  /** Ends the subscription, also while it waits for new events. */
  readonly signal?: AbortSignal;
}

/**
 * The event store: streams per subject over one global, ordered, hash-chained log.
 *
 * Every adapter passes the same contract suite (contract/event-store.contract.ts). An append resolves only once
 * what it stored is durable; a write is atomic, and so is a batch of writes given to {@link EventStore.appendMany}.
 */
export interface EventStore {
  /** Appends to one stream. Rejects with `WrongExpectedRevisionError` when `expected` does not hold. */
  append(stream: string, events: readonly EventToAppend[], expected?: ExpectedRevision): Promise<AppendResult>;

  /**
   * Appends to several streams in one transaction (one durable commit): how ingest stores a batch.
   * A write whose events are all duplicates passes whatever its `expected`, so a retried batch is harmless; so does
   * a write of which the store can hold no event. An event the store cannot hold is `rejected`, never a failure of
   * the batch.
   * If any other write fails its concurrency check, nothing of the batch is stored.
   */
  appendMany(writes: readonly StreamWrite[]): Promise<AppendResult[]>;

  /** A stream's events in revision order, from `fromRevision` (default 0). */
  readStream(stream: string, options?: { readonly fromRevision?: number; readonly limit?: number }): Promise<RecordedEvent[]>;

  /** Up to `limit` events of the global log with a position greater than `afterPosition`, in position order. */
  readAll(afterPosition: Position, limit: number): Promise<RecordedEvent[]>;

  /**
   * {@link EventStore.readAll} of the events whose type is one of `types` only: what a journal of the system's own
   * events (alerts, targets) folds at its load, without reading every producer event of the history
   * (architecture.md, guarantee 7).
   */
  readAllOfTypes(types: readonly string[], afterPosition: Position, limit: number): Promise<RecordedEvent[]>;

  /**
   * Every event after `afterPosition`, in position order, in batches: first the stored ones (catch-up), then new
   * ones as they are committed (live). It reads the next batch only when the consumer asks for it, so a slow
   * consumer is never flooded. No event is skipped, even when concurrent appends commit out of order.
   */
  subscribeAll(afterPosition: Position, options?: SubscribeOptions): AsyncIterable<readonly RecordedEvent[]>;

  /** Position and hash of the last stored event. */
  head(): Promise<LogHead>;

  /** Ends live subscriptions and releases connections. */
  close(): Promise<void>;
}
