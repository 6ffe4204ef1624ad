import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { probeEventLoop } from '@customs-pulse/testing';

import { storeRealisticHistory } from '../projection/testing/stored-history.js';
import { KpisAsOf } from './kpis-as-of.js';

// SQLite reads synchronously: without turns, a replay holds the event loop from its first event to its last.
describe('KpisAsOf replaying a long history from SQLite', () => {
  let store: SqliteEventStore;
  let stored: number;

  beforeAll(async () => {
    store = SqliteEventStore.open({ file: ':memory:' });
    // About 20,000 events: half a second of replay here, many slices of the event loop.
    stored = await storeRealisticHistory(store, 14, 3_000);
  });

  afterAll(async () => {
    await store.close();
  });

  it('gives the event loop a turn at least every slice while it replays', async () => {
    const history = new KpisAsOf({ store });
    const probe = probeEventLoop();

    const position = await history.answer(Number.MAX_SAFE_INTEGER, ({ position: replayedTo }) => replayedTo);
    const stalls = probe.stop();

    expect(position).toBe(stored);
    // A replay that never yields lets no tick through; the bound is loose, the bench measures the real figure.
    // One tick is the proof; how many more depends on how fast the machine runs it (Node 24 ran one scan in 2).
    expect(stalls.ticks).toBeGreaterThanOrEqual(1);
    expect(stalls.longestStallMs).toBeLessThan(200);
  });

  it("hands over an engine with the replay's bucket changes applied, which its first read would apply in one stretch", async () => {
    const history = new KpisAsOf({ store });

    const leftToApply = await history.answer(Number.MAX_SAFE_INTEGER, ({ engine }) => [...engine.settleInSteps()].length);

    expect(leftToApply).toBe(0);
  });

  it('gives the event loop a turn between the replay and the question read off its engine, so that the two stretches never add up', async () => {
    const history = new KpisAsOf({ store });
    await history.answer(Number.MAX_SAFE_INTEGER, () => undefined);

    // The kept engine needs no replay: with no turn before the read, nothing queued meanwhile would run first.
    let turned = false;
    setImmediate(() => (turned = true));
    const turnedBeforeRead = await history.answer(Number.MAX_SAFE_INTEGER, () => turned);

    expect(turnedBeforeRead).toBe(true);
  });
});
