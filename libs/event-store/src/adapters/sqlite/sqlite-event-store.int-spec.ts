import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { eventStoreContract } from '../../contract/event-store.contract.js';
import { clearanceEvents } from '../../contract/event-fixtures.js';
import { NOT_JSON } from '../../contract/odd-values.js';
import { sharedLogContract } from '../../contract/shared-log.contract.js';
import { storeLimitsContract } from '../../contract/store-limits.contract.js';
import { EventStoreUnavailableError } from '../../errors.js';
import { START } from '../../recorded-event.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const folder = mkdtempSync(join(tmpdir(), 'customs-pulse-sqlite-'));
let files = 0;
const freshFile = (): string => join(folder, `store-${(files += 1)}`, 'events.sqlite');

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('SqliteEventStore', () => {
  eventStoreContract(async (clock) => SqliteEventStore.open({ file: freshFile(), clock }));

  // Several processes on one file (the standalone app and `npm run kpi:rebuild`, say): SQLite serializes their
  // appends, and no channel between them wakes a subscriber, so it polls.
  sharedLogContract(
    async () => {
      const file = freshFile();
      return { open: async (options) => SqliteEventStore.open({ file, ...options }) };
    },
    { otherProcessesWake: 'polled' },
  );

  // Its TEXT columns would turn an unpaired surrogate into U+FFFD (sqlite-limits.ts); JSON and NUL it holds.
  storeLimitsContract(
    async () => {
      const file = freshFile();
      return { open: async () => SqliteEventStore.open({ file }) };
    },
    { refuses: [...NOT_JSON, 'unpaired surrogate in id', 'unpaired surrogate in source', 'unpaired surrogate in subject'] },
  );

  it('keeps its events across a restart, and goes on from the same head', async () => {
    const file = freshFile();
    const before = SqliteEventStore.open({ file });
    await before.append('DEC-1', clearanceEvents('DEC-1', 2));
    await before.close();

    const after = SqliteEventStore.open({ file });
    await after.append('DEC-1', clearanceEvents('DEC-1', 1), 1);

    expect((await after.readAll(START, 10)).map((event) => [event.position, event.revision])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
    ]);
    await after.close();
  });

  it('reports a write lock held past its busy timeout as an outage (EventStoreUnavailableError), and appends once it is free', async () => {
    const file = freshFile();
    const store = SqliteEventStore.open({ file, busyTimeoutMs: 0 });
    // Another process (`npm run kpi:rebuild`, a second app on the same file) in the middle of its own append.
    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run();

    await expect(store.append('DEC-1', clearanceEvents('DEC-1', 1))).rejects.toThrow(EventStoreUnavailableError);

    other.prepare('COMMIT').run();
    other.close();
    await expect(store.append('DEC-1', clearanceEvents('DEC-1', 1))).resolves.toMatchObject({ streamRevision: 0 });
    await store.close();
  });

  it('runs in WAL mode with full synchronous commits', async () => {
    const store = SqliteEventStore.open({ file: freshFile() });
    const db = (store as unknown as { db: { pragma(name: string, options: object): unknown } }).db;

    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
  });
});
