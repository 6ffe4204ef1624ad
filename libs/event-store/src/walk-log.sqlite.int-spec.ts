import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { probeEventLoop, storeLongLog } from '@customs-pulse/testing';

import { SqliteEventStore } from './adapters/sqlite/sqlite-event-store.js';
import { walkLog } from './walk-log.js';

// SQLite reads synchronously: without turns, a walk of the log holds the event loop from its first page to its last.
describe('walkLog over a long SQLite log', () => {
  const EVENTS = 40_000;
  let store: SqliteEventStore;

  beforeAll(async () => {
    store = SqliteEventStore.open({ file: ':memory:' });
    await storeLongLog(store, EVENTS);
  });

  afterAll(async () => {
    await store.close();
  });

  it('visits every event in position order and gives the event loop a turn at least every slice', async () => {
    const positions: number[] = [];
    const probe = probeEventLoop();

    // The long log is all LaneAssigned: every event is of the type walked.
    await walkLog(store, ['LaneAssigned'], (event) => void positions.push(event.position), 1_000);
    const stalls = probe.stop();

    expect(positions).toEqual(Array.from({ length: EVENTS }, (_, index) => index + 1));
    // A walk that never yields lets no tick through; the bound is loose, the bench measures the real figure.
    // One tick is the proof; how many more depends on how fast the machine runs it (Node 24 ran one scan in 2).
    expect(stalls.ticks).toBeGreaterThanOrEqual(1);
    expect(stalls.longestStallMs).toBeLessThan(200);
  });
});
