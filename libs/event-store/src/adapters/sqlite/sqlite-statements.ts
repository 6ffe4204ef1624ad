import type Database from 'better-sqlite3';
import { EVENT_COLUMNS, type SqliteEventRow } from './sqlite-rows.js';

/** Every statement the SQLite event store runs, prepared once per connection. */
export interface SqliteStatements {
  readonly head: Database.Statement<[], { position: number; hash: string; recorded_at: string }>;
  readonly stored: Database.Statement<[string, string], { position: number; content_hash: string }>;
  readonly streamRevision: Database.Statement<[string], { revision: number | null }>;
  readonly insert: Database.Statement<unknown[]>;
  readonly readAll: Database.Statement<[number, number], SqliteEventRow>;
  /** `?`: the types as a JSON array, the position after which to read, the limit. */
  readonly readAllOfTypes: Database.Statement<[string, number, number], SqliteEventRow>;
  readonly readStream: Database.Statement<[string, number, number], SqliteEventRow>;
}

export function prepareStatements(db: Database.Database): SqliteStatements {
  return {
    head: db.prepare<[], { position: number; hash: string; recorded_at: string }>(
      'SELECT position, hash, recorded_at FROM event_log ORDER BY position DESC LIMIT 1',
    ),
    stored: db.prepare<[string, string], { position: number; content_hash: string }>(
      'SELECT position, content_hash FROM event_log WHERE source = ? AND id = ?',
    ),
    streamRevision: db.prepare<[string], { revision: number | null }>(
      'SELECT max(revision) AS revision FROM event_log WHERE stream = ?',
    ),
    insert: db.prepare(
      `INSERT INTO event_log (${EVENT_COLUMNS}, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    readAll: db.prepare<[number, number], SqliteEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM event_log WHERE position > ? ORDER BY position LIMIT ?`,
    ),
    // One range of the type index per type, merged by position.
    readAllOfTypes: db.prepare<[string, number, number], SqliteEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM event_log WHERE type IN (SELECT value FROM json_each(?)) AND position > ? ORDER BY position LIMIT ?`,
    ),
    readStream: db.prepare<[string, number, number], SqliteEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM event_log WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
  };
}
