import { afterAll, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { clearanceHistory } from './testing/events-to-append.js';
import { type TamperableStore, tamperingSuite } from './testing/tampering.suite.js';
import { verifyChain } from './verify-chain.js';

const folder = mkdtempSync(join(tmpdir(), 'customs-pulse-audit-'));
let files = 0;

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A SQLite store on a fresh file, and a second connection to the same file for the tampering. */
function openTamperable(): TamperableStore {
  const file = join(folder, `store-${(files += 1)}`, 'events.sqlite');
  const store = SqliteEventStore.open({ file });
  const db = new Database(file);
  return {
    store,
    exec: async (sql) => void db.exec(sql),
    close: async () => {
      db.close();
      await store.close();
    },
  };
}

describe('verifyChain on a tampered SQLite event store', () => {
  tamperingSuite(async () => openTamperable());

  it('names the position of an event whose data was edited into text that is no JSON', async () => {
    const { store, exec, close } = openTamperable();
    await store.append('DEC-1', clearanceHistory(8).map((event) => ({ ...event, subject: 'DEC-1' })));
    await exec(`UPDATE event_log SET data = '{"lane":' WHERE position = 6`);

    expect(await verifyChain(store, { pageSize: 4 })).toEqual({
      ok: false,
      checked: 5,
      firstBroken: { position: 6, expected: 'a stored event that can be read and hashed', found: expect.stringMatching(/^unreadable: /) },
    });
    await close();
  });
});
