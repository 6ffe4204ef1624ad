import type { Migration } from '@customs-pulse/sql';

/** The SQLite event log's schema history. Append only: a shipped migration is never edited. */
export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create the event log',
    sql: `
      CREATE TABLE event_log (
        position     INTEGER PRIMARY KEY,
        stream       TEXT    NOT NULL,
        revision     INTEGER NOT NULL,
        source       TEXT    NOT NULL,
        id           TEXT    NOT NULL,
        type         TEXT    NOT NULL,
        subject      TEXT    NOT NULL,
        time         TEXT    NOT NULL,
        data         TEXT    NOT NULL,
        extensions   TEXT    NOT NULL,
        recorded_at  TEXT    NOT NULL,
        content_hash TEXT    NOT NULL,
        hash         TEXT    NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX event_log_stream_revision ON event_log (stream, revision);
      CREATE UNIQUE INDEX event_log_source_id ON event_log (source, id);
    `,
  },
  {
    version: 2,
    // The system's own events (alerts, targets) are a handful among millions: their journals read them through this
    // index at a start instead of the whole log.
    name: 'index the event log by type',
    sql: `CREATE INDEX event_log_by_type ON event_log (type, position);`,
  },
];
