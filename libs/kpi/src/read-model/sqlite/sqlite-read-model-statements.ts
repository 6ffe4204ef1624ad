import type Database from 'better-sqlite3';

/** Every statement the SQLite read model runs, prepared once per connection. */
export interface SqliteReadModelStatements {
  readonly checkpoint: Database.Statement<[], { position: number; quality: string }>;
  readonly moveCheckpoint: Database.Statement<[number, string]>;
  readonly declarations: Database.Statement<[], { subject: string; facts: string }>;
  readonly cases: Database.Statement<[], { subject: string; facts: string }>;
  readonly buckets: Database.Statement<[], { bucket: string }>;
  readonly upsertDeclaration: Database.Statement<[string, string]>;
  readonly upsertCase: Database.Statement<[string, string]>;
  readonly upsertBucket: Database.Statement<[string, string]>;
  /** A commit's transaction, opened and ended by hand: it spans event-loop turns, which `db.transaction` cannot. */
  readonly beginImmediate: Database.Statement<[]>;
  readonly commit: Database.Statement<[]>;
  readonly rollback: Database.Statement<[]>;
}

export function prepareReadModelStatements(db: Database.Database): SqliteReadModelStatements {
  return {
    checkpoint: db.prepare<[], { position: number; quality: string }>(
      'SELECT position, quality FROM kpi_checkpoint WHERE id = 1',
    ),
    moveCheckpoint: db.prepare<[number, string]>('UPDATE kpi_checkpoint SET position = ?, quality = ? WHERE id = 1'),
    declarations: db.prepare<[], { subject: string; facts: string }>('SELECT subject, facts FROM kpi_declarations'),
    cases: db.prepare<[], { subject: string; facts: string }>('SELECT subject, facts FROM kpi_cases'),
    buckets: db.prepare<[], { bucket: string }>('SELECT bucket FROM kpi_buckets'),
    upsertDeclaration: db.prepare<[string, string]>(
      'INSERT INTO kpi_declarations (subject, facts) VALUES (?, ?) ON CONFLICT (subject) DO UPDATE SET facts = excluded.facts',
    ),
    upsertCase: db.prepare<[string, string]>(
      'INSERT INTO kpi_cases (subject, facts) VALUES (?, ?) ON CONFLICT (subject) DO UPDATE SET facts = excluded.facts',
    ),
    upsertBucket: db.prepare<[string, string]>(
      'INSERT INTO kpi_buckets (bucket_key, bucket) VALUES (?, ?) ON CONFLICT (bucket_key) DO UPDATE SET bucket = excluded.bucket',
    ),
    beginImmediate: db.prepare<[]>('BEGIN IMMEDIATE'),
    commit: db.prepare<[]>('COMMIT'),
    rollback: db.prepare<[]>('ROLLBACK'),
  };
}
