import { assertExpectedRevision, NO_STREAM_REVISION } from './expected-revision.js';
import type { AppendOutcome, AppendResult, StreamWrite } from './event-store.port.js';
import { linkHash, prepareEvent, type PreparedEvent } from './chain-link.js';
import { canonicalJson } from './canonical-json.js';
import type { LogHead, Position, RecordedEvent } from './recorded-event.js';
import { JSON_LIMITS, type StoreLimits, type StoreRefusal } from './store-limits.js';
import { refusalOf, refusalOfStream } from './store-refusal.js';

export { dedupeKey } from './dedupe-key.js';

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

/** An event of a write that the store cannot hold: it is reported rejected and takes no position. */
export interface RefusedEvent {
  readonly refusal: StoreRefusal;
}

/** One write of a batch, prepared: each event with its canonical pieces and content hash (chain-link.ts), or why not. */
export interface PreparedWrite {
  readonly events: readonly (PreparedEvent | RefusedEvent)[];
  /** Whether the store can hold the stream's name: if not, every event is refused and the stream is not looked up. */
  readonly streamHeld: boolean;
}

export type PreparedWrites = readonly PreparedWrite[];

/** What an adapter reads from its log to plan an append: see {@link lookupsFor}. */
export interface AppendLookups {
  readonly keys: readonly { readonly source: string; readonly id: string }[];
  readonly streams: readonly string[];
}

/**
 * Every `(source, id)` and every stream a batch touches: what an adapter must look up for {@link planAppend}.
 * Refused events are left out: their strings may be what the store cannot hold, in a lookup as in an insert.
 */
export function lookupsFor(writes: readonly StreamWrite[], prepared: PreparedWrites = prepareWrites(writes)): AppendLookups {
  const keys = new Map<string, { source: string; id: string }>();
  const streams = new Set<string>();
  writes.forEach((write, writeIndex) => {
    const { events, streamHeld } = prepared[writeIndex]!;
    if (streamHeld) streams.add(write.stream);
    for (const event of events) if (!('refusal' in event)) keys.set(event.key, { source: event.event.source, id: event.event.id });
  });
  return { keys: [...keys.values()], streams: [...streams] };
}

/**
 * The part of planning that needs nothing from the log: which events the store cannot hold (`limits`), canonical
 * JSON and content hashes. Adapters run it before they take the append lock, so that the lock is held for less time.
 */
export function prepareWrites(writes: readonly StreamWrite[], limits: StoreLimits = JSON_LIMITS): PreparedWrites {
  return writes.map((write) => {
    const streamRefusal = refusalOfStream(write.stream, limits);
    return {
      streamHeld: streamRefusal === undefined,
      events: write.events.map((event) => {
        const refusal = refusalOf(event, limits) ?? streamRefusal;
        return refusal ? { refusal } : prepareEvent(event, write.stream);
      }),
    };
  });
}

/**
 * Decides, without I/O, what an append stores: dedupe against the log and within the batch, the concurrency check,
 * revisions, contiguous positions after the head, and the hash chain. Adapters call it while they hold the log's
 * append lock, then insert `rows`. Throws `WrongExpectedRevisionError` before anything is planned to be stored.
 * `prepared` is {@link prepareWrites} of the same `writes`, computed before the lock.
 */
export function planAppend(
  writes: readonly StreamWrite[],
  state: AppendState,
  prepared: PreparedWrites = prepareWrites(writes),
): AppendPlan {
  const recordedAt = laterOf(state.now.toISOString(), state.head.recordedAt);
  const recordedAtJson = canonicalJson(recordedAt);
  const known = new Map(state.stored);
  const revisions = new Map(state.streamRevisions);
  const rows: PlannedRow[] = [];
  let { position, hash } = state.head;

  const results = writes.map((write, writeIndex): AppendResult => {
    const { events } = prepared[writeIndex]!;
    let revision = revisions.get(write.stream) ?? NO_STREAM_REVISION;
    // Only a retry (every event it can hold already stored with the same content) and a write of which the store can
    // hold nothing are exempt from the concurrency check; a write of conflicts is checked like any other, so a batch
    // stays all-or-nothing.
    const held = events.filter((event): event is PreparedEvent => !('refusal' in event));
    const isRetry = held.length > 0 && held.every((event) => known.get(event.key)?.contentHash === event.contentHash);
    const storesNothing = events.length > 0 && held.length === 0;
    if (!isRetry && !storesNothing) assertExpectedRevision(write.stream, write.expected ?? 'any', revision);

    const outcomes = events.map((prepared): AppendOutcome => {
      if ('refusal' in prepared) return { status: 'rejected', ...prepared.refusal };
      const previous = known.get(prepared.key);
      if (previous) {
        return { status: previous.contentHash === prepared.contentHash ? 'duplicate' : 'conflict', position: previous.position };
      }
      position += 1;
      revision += 1;
      hash = linkHash(hash, prepared, position, revision, recordedAtJson);
      rows.push({ event: storedEvent(prepared, write.stream, revision, position, recordedAt, hash), contentHash: prepared.contentHash });
      known.set(prepared.key, { position, contentHash: prepared.contentHash });
      return { status: 'appended', position, revision };
    });
    revisions.set(write.stream, revision);
    return { stream: write.stream, streamRevision: revision, outcomes };
  });

  return { rows, results, head: { position, hash, recordedAt: rows.length > 0 ? recordedAt : state.head.recordedAt } };
}

/** The stored event, built in one literal: spreading the fields together costs more on the append path. */
function storedEvent(
  { event }: PreparedEvent,
  stream: string,
  revision: number,
  position: Position,
  recordedAt: string,
  hash: string,
): RecordedEvent {
  const { id, source, type, subject, time, data } = event;
  return { id, source, type, subject, time, data, extensions: event.extensions ?? {}, stream, revision, position, recordedAt, hash };
}

/** `recordedAt` never decreases along the log, even when the wall clock steps back, so `asOf` is a log prefix. */
function laterOf(now: string, last: string | null): string {
  return last !== null && last > now ? last : now;
}
