import type { Migration } from '@customs-pulse/sql';

/** The PostgreSQL event log's schema history. Append only: a shipped migration is never edited. */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create the event log',
    sql: `
      CREATE TABLE event_log (
        position     bigint      PRIMARY KEY,
        stream       text        NOT NULL,
        revision     bigint      NOT NULL,
        source       text        NOT NULL,
        id           text        NOT NULL,
        type         text        NOT NULL,
        subject      text        NOT NULL,
        time         timestamptz NOT NULL,
        data         json        NOT NULL,
        extensions   json        NOT NULL,
        recorded_at  timestamptz NOT NULL,
        content_hash text        NOT NULL,
        hash         text        NOT NULL,
        CONSTRAINT event_log_stream_revision UNIQUE (stream, revision),
        CONSTRAINT event_log_source_id UNIQUE (source, id)
      );
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
