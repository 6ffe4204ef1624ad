import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { probeEventLoop } from '@customs-pulse/testing';

import { DEFAULT_HELD_BUCKETS } from '../engine/bucket-horizons.js';
import { DEFAULT_HELD_SUBJECTS } from '../engine/held-subjects.js';
import { SqliteKpiReadModel } from '../read-model/sqlite/sqlite-kpi-read-model.js';
import { KpiProjector } from './kpi-projector.js';
import { storeRealisticHistory } from './testing/stored-history.js';

const SILENT = { warn: () => undefined, error: () => undefined };

// Catching up after a start and a rebuild are the same loop: the projector from its checkpoint (here 0) to the head.
// SQLite reads synchronously: without turns, the loop holds the event loop from the first event to the head.
describe('KpiProjector catching up with a long history from SQLite', () => {
  let folder: string;
  let store: SqliteEventStore;
  let readModel: SqliteKpiReadModel;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kpi-projector-turns-'));
    store = SqliteEventStore.open({ file: join(folder, 'events.sqlite') });
    // About 20,000 events: seconds of catch-up here, many slices of the event loop.
    await storeRealisticHistory(store, 15, 3_000);
    // In memory: a file's COMMIT waits for the disk's fsync in one stretch, and on a disk shared with other work that
    // wait is the disk's. The history bench's event-loop delay during a rebuild measures it; this test is about the
    // projector's own loop giving turns.
    readModel = SqliteKpiReadModel.open({ file: ':memory:' });
  });

  afterAll(async () => {
    await readModel.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives the event loop turns while it applies the log and commits it, up to the head', async () => {
    const eventsPerCommit: number[] = [];
    const projector = new KpiProjector({
      source: store,
      readModel,
      onChanges: (_changes, events) => void eventsPerCommit.push(events.length),
      logger: SILENT,
      // Bounded as the apps run it: each commit also lets go of buckets and subjects, and reads some back.
      heldSubjects: DEFAULT_HELD_SUBJECTS,
      heldBuckets: DEFAULT_HELD_BUCKETS,
      // The default catch-up commit (50,000 events, 2 s): all of this history at once, or most of it on a slow machine,
      // so the drain, write and read of the changes of tens of thousands of buckets.
    });
    const probe = probeEventLoop();

    await projector.start();
    await projector.caughtUp;
    const stalls = probe.stop();
    await projector.stop();

    const head = (await store.head()).position;
    expect(projector.position).toBe(head);
    expect(Math.max(...eventsPerCommit)).toBeGreaterThanOrEqual(10_000);
    // A catch-up that never yields lets no tick through; 200 ms is a loose bound for a shared machine (guarantee 7:
    // 50 ms). On a file, what is left of a commit in one stretch is SQLite's COMMIT, the WAL's write and fsync (its
    // checkpoint runs on another thread): about 60 ms there (README, "The event loop").
    expect(stalls.ticks).toBeGreaterThanOrEqual(10);
    expect(stalls.longestStallMs).toBeLessThan(200);
  });
});
