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

/** A row of {@link EVENT_SELECT}; `bigint` columns arrive as numbers (see the pool's type parsers). */
export interface PostgresEventRow {
  position: number;
  stream: string;
  revision: number;
  source: string;
  id: string;
  type: string;
  subject: string;
  time: string;
  data: RecordedEvent['data'];
  extensions: RecordedEvent['extensions'];
  recorded_at: string;
  hash: string;
}

export function toRecordedEvent(row: PostgresEventRow): RecordedEvent {
  const { recorded_at: recordedAt, ...rest } = row;
  return { ...rest, recordedAt };
}
