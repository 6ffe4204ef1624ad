import { assertExpectedRevision, NO_STREAM_REVISION } from './expected-revision.js';
import type { AppendOutcome, AppendResult, StreamWrite } from './event-store.port.js';
import { chainHash, contentHash, type ChainedFields } from './hash-chain.js';
import type { EventToAppend, LogHead, Position, RecordedEvent } from './recorded-event.js';

/** A stored event's idempotency key and content fingerprint, as an adapter finds them in its log. */
export interface StoredIdentity {
  readonly position: Position;
  readonly contentHash: string;
}

/** What an adapter reads, inside its append transaction, before it can plan the append. */
export interface AppendState {
  readonly head: LogHead;
  /** Stored events among the batch's `(source, id)` keys, by {@link dedupeKey}. */
  readonly stored: ReadonlyMap<string, StoredIdentity>;
  /** Last revision of each stream of the batch that exists. */
  readonly streamRevisions: ReadonlyMap<string, number>;
  readonly now: Date;
}

/** A row to insert: the recorded event and the content fingerprint kept for dedupe. */
export interface PlannedRow {
  readonly event: RecordedEvent;
  readonly contentHash: string;
}

export interface AppendPlan {
  readonly rows: readonly PlannedRow[];
  readonly results: AppendResult[];
  readonly head: LogHead;
}

/** The idempotency key of an event, unambiguous whatever characters source and id hold. */
export function dedupeKey(source: string, id: string): string {
  return JSON.stringify([source, id]);
}

/** Every `(source, id)` and every stream a batch touches: what an adapter must look up for {@link planAppend}. */
export function lookupsFor(writes: readonly StreamWrite[]): { keys: { source: string; id: string }[]; streams: string[] } {
  const keys = new Map<string, { source: string; id: string }>();
  for (const write of writes) for (const { source, id } of write.events) keys.set(dedupeKey(source, id), { source, id });
  return { keys: [...keys.values()], streams: [...new Set(writes.map((write) => write.stream))] };
}

/**
 * Decides, without I/O, what an append stores: dedupe against the log and within the batch, the concurrency check,
 * revisions, contiguous positions after the head, and the hash chain. Adapters call it while they hold the log's
 * append lock, then insert `rows`. Throws `WrongExpectedRevisionError` before anything is planned to be stored.
 */
export function planAppend(writes: readonly StreamWrite[], state: AppendState): AppendPlan {
  const recordedAt = laterOf(state.now.toISOString(), state.head.recordedAt);
  const known = new Map(state.stored);
  const revisions = new Map(state.streamRevisions);
  const rows: PlannedRow[] = [];
  let { position, hash } = state.head;

  const results = writes.map((write): AppendResult => {
    const fingerprints = write.events.map(contentHash);
    const keys = write.events.map((event) => dedupeKey(event.source, event.id));
    let revision = revisions.get(write.stream) ?? NO_STREAM_REVISION;
    // Only a retry (every event already stored with the same content) is exempt from the concurrency check; a write
    // of conflicts is checked like any other, so a batch stays all-or-nothing.
    const isRetry =
      write.events.length > 0 && keys.every((key, index) => known.get(key)?.contentHash === fingerprints[index]);
    if (!isRetry) assertExpectedRevision(write.stream, write.expected ?? 'any', revision);

    const outcomes = write.events.map((event, index): AppendOutcome => {
      const key = keys[index]!;
      const fingerprint = fingerprints[index]!;
      const previous = known.get(key);
      if (previous) {
        return { status: previous.contentHash === fingerprint ? 'duplicate' : 'conflict', position: previous.position };
      }
      position += 1;
      revision += 1;
      const recorded = storedEvent(event, write.stream, revision, position, recordedAt);
      hash = chainHash(hash, recorded);
      rows.push({ event: { ...recorded, hash }, contentHash: fingerprint });
      known.set(key, { position, contentHash: fingerprint });
      return { status: 'appended', position, revision };
    });
    revisions.set(write.stream, revision);
    return { stream: write.stream, streamRevision: revision, outcomes };
  });

  return { rows, results, head: { position, hash, recordedAt: rows.length > 0 ? recordedAt : state.head.recordedAt } };
}

/** The fields the chain covers, built in one literal: spreading them together costs more on the append path. */
function storedEvent(event: EventToAppend, stream: string, revision: number, position: Position, recordedAt: string): ChainedFields {
  const { id, source, type, subject, time, data } = event;
  return { id, source, type, subject, time, data, extensions: event.extensions ?? {}, stream, revision, position, recordedAt };
}

/** `recordedAt` never decreases along the log, even when the wall clock steps back, so `asOf` is a log prefix. */
function laterOf(now: string, last: string | null): string {
  return last !== null && last > now ? last : now;
}
