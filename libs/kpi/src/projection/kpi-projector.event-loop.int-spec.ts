import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { probeEventLoop } from '@customs-pulse/testing';

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
    readModel = SqliteKpiReadModel.open({ file: join(folder, 'read-model.sqlite') });
  });

  afterAll(async () => {
    await readModel.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives the event loop turns while it applies the log, up to the head', async () => {
    const projector = new KpiProjector({ source: store, readModel, onChanges: () => undefined, logger: SILENT });
    const probe = probeEventLoop();

    await projector.start();
    await projector.caughtUp;
    const stalls = probe.stop();
    await projector.stop();

    expect(projector.position).toBe((await store.head()).position);
    // A catch-up that never yields lets no tick through. No bound on the longest stall yet: draining and committing
    // a catch-up commit (up to 50,000 events' changes) are synchronous stretches of their own (README, "The event loop").
    expect(stalls.ticks).toBeGreaterThanOrEqual(10);
  });
});
