import {
  chainHash,
  GENESIS_HASH,
  type EventToAppend,
  type LogHead,
  type Position,
  type RecordedEvent,
} from '@customs-pulse/event-store';

import type { ReadableLog } from '../log-pages.js';

/**
 * `events` recorded as the store records them: positions from 1, revisions per stream (stream = subject),
 * `recordedAt` one millisecond apart, each linked to the one before by `chainHash`.
 */
export function recordedLog(events: readonly EventToAppend[], firstRecordedAt = Date.parse('2026-03-01T09:00:00.000Z')): RecordedEvent[] {
  const revisions = new Map<string, number>();
  let previous = GENESIS_HASH;
  return events.map((event, index) => {
    const revision = (revisions.get(event.subject) ?? -1) + 1;
    revisions.set(event.subject, revision);
    const fields = {
      ...event,
      extensions: event.extensions ?? {},
      stream: event.subject,
      revision,
      position: index + 1,
      recordedAt: new Date(firstRecordedAt + index).toISOString(),
    };
    previous = chainHash(previous, fields);
    return { ...fields, hash: previous };
  });
}

/** The hash links of `events` recomputed in their present order and positions: what a careful forger would store. */
export function relinked(events: readonly RecordedEvent[], previousHash = GENESIS_HASH): RecordedEvent[] {
  let previous = previousHash;
  return events.map(({ hash: _hash, ...fields }) => {
    previous = chainHash(previous, fields);
    return { ...fields, hash: previous };
  });
}

/**
 * A log held in memory, read like the store's: `readAll` in position order, `head` the last row. Rows are taken as
 * given, tampered or not; `reads` counts the pages asked for.
 */
export class InMemoryLog implements ReadableLog {
  reads = 0;
  private readonly rows: RecordedEvent[];

  constructor(rows: readonly RecordedEvent[]) {
    this.rows = [...rows].sort((a, b) => a.position - b.position);
  }

  async readAll(afterPosition: Position, limit: number): Promise<RecordedEvent[]> {
    this.reads += 1;
    const start = this.rows.findIndex((row) => row.position > afterPosition);
    return start < 0 ? [] : this.rows.slice(start, start + limit);
  }

  async head(): Promise<LogHead> {
    const last = this.rows.at(-1);
    return last ? { position: last.position, hash: last.hash, recordedAt: last.recordedAt } : { position: 0, hash: GENESIS_HASH, recordedAt: null };
  }
}
