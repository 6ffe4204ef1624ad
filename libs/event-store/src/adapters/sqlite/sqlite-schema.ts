import type Database from 'better-sqlite3';
import type { Migration } from '../../migration.js';

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
];

/** Applies the migrations this database lacks, each in its own transaction. */
export function migrateSqlite(db: Database.Database, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const applied = new Set(
    db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((row) => row.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}
