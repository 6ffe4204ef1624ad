import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type Database from 'better-sqlite3';
import { waitUntil } from '@customs-pulse/testing';

import { openDurableSqlite } from './open-durable-sqlite.js';
import { WalCheckpointer } from './wal-checkpointer.js';

const NOTES = [{ version: 1, name: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT' }];
/** About 2 MiB, 500 pages: half of SQLite's own threshold, so that only the checkpointer copies it. */
const WRITE_BYTES = 2 * 1024 * 1024;

function writeNotes(db: Database.Database): void {
  const insert = db.prepare('INSERT INTO notes (text) VALUES (?)');
  db.transaction(() => {
    for (let written = 0; written < WRITE_BYTES; written += 1000) insert.run('x'.repeat(1000));
  }).immediate();
}

const sizeOf = (file: string): number => (existsSync(file) ? statSync(file).size : 0);

describe('WalCheckpointer', () => {
  let folder: string;
  let file: string;
  const errors: string[] = [];
  const logger = { error: (message: string) => void errors.push(message) };
  const cleanUp: (() => unknown)[] = [];

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
    file = join(folder, 'store.sqlite');
    errors.length = 0;
  });

  afterEach(async () => {
    for (const step of cleanUp.splice(0).reverse()) await step();
    rmSync(folder, { recursive: true, force: true });
  });

  const open = (): Database.Database => {
    const db = openDurableSqlite(file, NOTES);
    cleanUp.push(() => db.open && db.close());
    return db;
  };
  const start = (db: Database.Database): WalCheckpointer => {
    const checkpointer = WalCheckpointer.start(db, logger);
    cleanUp.push(() => checkpointer.stop());
    return checkpointer;
  };

  it('copies what a connection committed into the database file from its thread, with the connection\'s own checkpoints off', async () => {
    const db = open();
    const checkpointer = start(db);
    const before = sizeOf(file);

    // Twice: the thread's first checkpoint, as it starts, may copy the first commit.
    for (const commits of [1, 2]) {
      writeNotes(db);
      checkpointer.checkpointSoon();
      await waitUntil(`the database file holds commit ${commits}`, () => sizeOf(file) >= before + commits * WRITE_BYTES);
    }
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect(errors).toEqual([]);
  });

  it('empties the WAL and ends its thread when stopped, while other connections still read the file', async () => {
    const [db, reader] = [open(), open()];
    const checkpointer = start(db);
    writeNotes(db);

    db.close();
    await checkpointer.stop();

    expect(checkpointer.isRunning).toBe(false);
    expect(sizeOf(`${file}-wal`)).toBe(0);
    expect(reader.prepare('SELECT count(*) FROM notes').pluck().get()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('logs a thread that fails, and lets the connection checkpoint itself again', async () => {
    const db = open();
    // The thread opens the file by name and finds none: it fails as it starts.
    rmSync(file);
    const checkpointer = start(db);

    await waitUntil('the thread has ended', () => !checkpointer.isRunning);
    expect(errors).toEqual([expect.stringContaining(`the WAL checkpointer of ${file} ended`)]);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
