import { GENESIS_HASH } from '../../hash-chain.js';
import type { LogHead, RecordedEvent } from '../../recorded-event.js';

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The last event's link, read by appends (under the lock) and by `head()`. */
export const HEAD_SELECT = `SELECT position, hash, to_char(recorded_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS recorded_at
  FROM event_log ORDER BY position DESC LIMIT 1`;

export interface HeadRow {
  position: number;
  hash: string;
  recorded_at: string;
}

export function toLogHead(row: HeadRow | undefined): LogHead {
  return row
    ? { position: row.position, hash: row.hash, recordedAt: row.recorded_at }
    : { position: 0, hash: GENESIS_HASH, recordedAt: null };
}

/** Columns read back as a {@link RecordedEvent}; timestamps formatted by the server exactly as they were written. */
export const EVENT_SELECT = `position, stream, revision, source, id, type, subject,
  to_char(time AT TIME ZONE 'UTC', ${ISO_UTC}) AS time, data, extensions,
  to_char(recorded_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS recorded_at, hash`;

/**
 * A row of {@link EVENT_SELECT} read with `rowMode: 'array'`, in its column order; `bigint` columns arrive as
 * numbers (see the pool's type parsers).
 */
export type PostgresEventRow = [
  position: number,
  stream: string,
  revision: number,
  source: string,
  id: string,
  type: string,
  subject: string,
  time: string,
  data: RecordedEvent['data'],
  extensions: RecordedEvent['extensions'],
  recordedAt: string,
  hash: string,
];

// Array rows turned into one literal: pg builds no keyed object per row, and V8 takes no object rest/spread slow
// path. This runs for every event readAll, readStream and subscriptions hand out (bench/event-store: readAll went
// from about 100,000 to 180,000 events/s against keyed rows copied with `{ recorded_at, ...rest }`).
export function toRecordedEvent(row: PostgresEventRow): RecordedEvent {
  return {
    position: row[0],
    stream: row[1],
    revision: row[2],
    source: row[3],
    id: row[4],
    type: row[5],
    subject: row[6],
    time: row[7],
    data: row[8],
    extensions: row[9],
    hash: row[11],
    recordedAt: row[10],
  };
}
