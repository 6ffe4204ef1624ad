import type { RecordedEvent } from '../../recorded-event.js';

/** A row of `event_log` as better-sqlite3 returns it. */
export interface SqliteEventRow {
  position: number;
  stream: string;
  revision: number;
  source: string;
  id: string;
  type: string;
  subject: string;
  time: string;
  data: string;
  extensions: string;
  recorded_at: string;
  hash: string;
}

export const EVENT_COLUMNS =
  'position, stream, revision, source, id, type, subject, time, data, extensions, recorded_at, hash';

export function toRecordedEvent(row: SqliteEventRow): RecordedEvent {
  return {
    position: row.position,
    stream: row.stream,
    revision: row.revision,
    source: row.source,
    id: row.id,
    type: row.type,
    subject: row.subject,
    time: row.time,
    data: JSON.parse(row.data) as RecordedEvent['data'],
    extensions: JSON.parse(row.extensions) as RecordedEvent['extensions'],
    recordedAt: row.recorded_at,
    hash: row.hash,
  };
}
