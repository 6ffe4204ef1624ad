import { randomUUID } from 'node:crypto';
import type { AppendStreamRequest, AppendStreamState } from '@kurrent/kurrentdb-client';
import type { PlannedRow } from '../../append-plan.js';
import { dedupeKey } from '../../dedupe-key.js';
import { dedupeRecordData, recordedEventData } from './kurrentdb-records.js';
import type { KurrentDbStreamNames } from './kurrentdb-stream-names.js';

/**
 * The one multi-stream append that stores planned rows (`planAppend`), all or nothing:
 * - the log, expected exactly at the head the plan was made on: if any other writer got in first the whole
 *   append fails and is planned again, so positions stay contiguous and each link of the chain follows its true
 *   predecessor;
 * - each stream's copy, expected at the revision before its first new event: the server checks again what the
 *   plan checked;
 * - one dedupe stream per new `(source, id)`, expected not to exist: a key is stored once, whoever races for it.
 *
 * KurrentDB takes each stream once per multi-stream append, so the rows of a stream written twice in one batch go
 * in one request. Record ids are fresh: KurrentDB's own idempotency on event ids must never answer for ours.
 */
export function appendRequests(
  rows: readonly PlannedRow[],
  names: KurrentDbStreamNames,
  newRecordId: () => string = randomUUID,
): AppendStreamRequest[] {
  const first = rows[0];
  if (first === undefined) return [];
  const copies = new Map<string, AppendStreamRequest>();
  for (const { event } of rows) {
    const name = names.subject(event.stream);
    let copy = copies.get(name);
    if (copy === undefined) {
      copy = { streamName: name, expectedState: stateBefore(event.revision), events: [] };
      copies.set(name, copy);
    }
    copy.events.push(recordedEventData(event, newRecordId()));
  }
  return [
    { streamName: names.log, expectedState: stateBefore(first.event.position - 1), events: rows.map(({ event }) => recordedEventData(event, newRecordId())) },
    ...copies.values(),
    ...rows.map(({ event, contentHash }): AppendStreamRequest => ({
      streamName: names.dedupe(dedupeKey(event.source, event.id)),
      expectedState: 'no_stream',
      events: [dedupeRecordData({ source: event.source, id: event.id, position: event.position, contentHash }, newRecordId())],
    })),
  ];
}

/** What a KurrentDB stream must hold before a record lands at its 0-based `revision`. */
export function stateBefore(revision: number): AppendStreamState {
  return revision === 0 ? 'no_stream' : BigInt(revision - 1);
}
