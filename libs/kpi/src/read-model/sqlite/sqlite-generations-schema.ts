import type Database from 'better-sqlite3';
import type { Migration } from '@customs-pulse/event-store';

/** The control database's schema history. Append only: a shipped migration is never edited. */
export const sqliteGenerationsMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create the active generation pointer',
    sql: `CREATE TABLE kpi_active_generation (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      generation INTEGER NOT NULL
    ) STRICT;`,
  },
];

/** Applies the migrations the control database lacks, each in its own transaction, recorded as the stores do. */
export function migrateGenerationsControl(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const applied = new Set(db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((row) => row.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of sqliteGenerationsMigrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}
