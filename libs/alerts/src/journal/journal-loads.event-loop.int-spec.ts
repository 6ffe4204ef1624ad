import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { TargetJournal } from '@customs-pulse/kpi';
import { probeEventLoop, storeLongLog } from '@customs-pulse/testing';

import { AlertJournal } from './alert-journal.js';

const SILENT = { warn: () => undefined, error: () => undefined };

// Alerts and targets live in streams per alert or target id, so each journal's load reads the whole log, which
// SQLite reads synchronously: without turns, a load holds the event loop from the first page to the last.
describe('the alert and target journals loading a long SQLite log', () => {
  let store: SqliteEventStore;

  beforeAll(async () => {
    store = SqliteEventStore.open({ file: ':memory:' });
    await storeLongLog(store, 40_000);
  });

  afterAll(async () => {
    await store.close();
  });

  it.each([
    ['AlertJournal', () => new AlertJournal({ store, logger: SILENT })],
    ['TargetJournal', () => new TargetJournal({ store })],
  ])('%s gives the event loop a turn at least every slice while it loads', async (_name, journal) => {
    const loading = journal();
    const probe = probeEventLoop();

    await loading.load();
    const stalls = probe.stop();

    // A load that never yields lets no tick through; the bound is loose, the bench measures the real figure.
    // One tick is the proof; how many more depends on how fast the machine runs it (Node 24 ran one scan in 2).
    expect(stalls.ticks).toBeGreaterThanOrEqual(1);
    expect(stalls.longestStallMs).toBeLessThan(200);
  });
});
