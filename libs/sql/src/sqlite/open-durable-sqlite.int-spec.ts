import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import { type SqliteFileOptions, openDurableSqlite } from './open-durable-sqlite.js';

const NOTES = [{ version: 1, name: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT' }];
/** SQLite's values of `PRAGMA synchronous`. */
const [NORMAL, FULL] = [1, 2];

describe('openDurableSqlite', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'open-durable-sqlite-'));
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const settingsOf = (options?: SqliteFileOptions): { journal: unknown; synchronous: unknown; busyTimeout: unknown } => {
    const db = openDurableSqlite(join(folder, 'store.sqlite'), NOTES, options);
    try {
      return {
        journal: db.pragma('journal_mode', { simple: true }),
        synchronous: db.pragma('synchronous', { simple: true }),
        busyTimeout: db.pragma('busy_timeout', { simple: true }),
      };
    } finally {
      db.close();
    }
  };

  it('syncs each commit by default, in WAL mode, waiting 5 s for another writer', () => {
    expect(settingsOf()).toEqual({ journal: 'wal', synchronous: FULL, busyTimeout: 5000 });
  });

  it('leaves the sync to checkpoints when asked, for a store rebuilt from another', () => {
    expect(settingsOf({ syncs: 'checkpoints', busyTimeoutMs: 250 })).toEqual({ journal: 'wal', synchronous: NORMAL, busyTimeout: 250 });
  });
});
