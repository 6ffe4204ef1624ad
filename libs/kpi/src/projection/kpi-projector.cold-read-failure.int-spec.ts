import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type NormalizedEvent } from '@customs-pulse/domain';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { SeededRandom, anEventOfType, realisticHistory, waitUntil } from '@customs-pulse/testing';

import { type HeldBucketsPolicy } from '../engine/bucket-horizons.js';
import { type HeldSubjectsPolicy } from '../engine/held-subjects.js';
import { KpiEngine } from '../engine/kpi-engine.js';
import { type ColdState, type KpiReadModel } from '../read-model/read-model.port.js';
import { SqliteKpiReadModel } from '../read-model/sqlite/sqlite-kpi-read-model.js';
import { KpiProjector } from './kpi-projector.js';
import { canonical, cleanRebuild, validated } from './testing/stored-history.js';

/** Every bucket of the history before the horizons: the late events of a shuffled history read many back. */
const TIGHT_SUBJECTS: HeldSubjectsPolicy = { openMaxDays: 1, closedCacheSize: 0 };
const TIGHT_BUCKETS: HeldBucketsPolicy = { hourlyDays: 1, dailyDays: 1 };
const NOW = new Date('2026-03-15T12:00:00.000Z');
const FAILURES = 3;

/**
 * `readModel` whose reads of cold buckets by key fail the first `failures` times, as a read model that stops answering
 * for a while: the read-back before a commit is where a projector meets it.
 */
function failingBucketReads(readModel: SqliteKpiReadModel, failures: number): { readModel: KpiReadModel; failed: () => number } {
  const cold = readModel.cold;
  let failed = 0;
  const failing: ColdState = {
    subjects: (request) => cold.subjects(request),
    releasedIn: (from, to, pageSize) => cold.releasedIn(from, to, pageSize),
    longestReleasedIn: (from, to, filters, pageSize) => cold.longestReleasedIn(from, to, filters, pageSize),
    bucketsBetween: (line, from, to) => cold.bucketsBetween(line, from, to),
    bucketsNamed: async (keys) => {
      if (failed < failures) {
        failed += 1;
        throw new Error('simulated: the read model does not answer');
      }
      return cold.bucketsNamed(keys);
    },
  };
  return {
    readModel: { load: (hot) => readModel.load(hot), commit: (change) => readModel.commit(change), close: () => readModel.close(), cold: failing },
    failed: () => failed,
  };
}

// The read-back is a step of the commit: tried again alone, not with the whole subscription, so that the events taken
// for the commit still reach the listener (the alert rules read them), and a commit at the head needs no next event.
describe('KpiProjector when reading cold buckets back fails', () => {
  let store: SqliteEventStore;
  let sqlite: SqliteKpiReadModel;
  let projector: KpiProjector;
  let failed: () => number;
  const told: number[] = [];
  const warnings: string[] = [];
  let caughtUp = false;

  beforeAll(async () => {
    store = SqliteEventStore.open({ file: ':memory:', pollIntervalMs: 20 });
    const events: NormalizedEvent[] = new SeededRandom(11)
      .shuffled(realisticHistory(20261207, 150))
      .map(({ type, subject, data, envelope }) => validated(anEventOfType(type, subject, data, envelope)));
    await store.appendMany(events.map((event) => ({ stream: event.subject, events: [event] })));
    sqlite = SqliteKpiReadModel.open({ file: ':memory:' });
    let readModel: KpiReadModel;
    ({ readModel, failed } = failingBucketReads(sqlite, FAILURES));
    projector = new KpiProjector({
      source: store,
      readModel,
      onChanges: (_changes, batch) => void told.push(...batch.map(({ position }) => position)),
      logger: { warn: (message) => void warnings.push(message), error: () => undefined },
      batchSize: 50,
      catchUpCommit: { maxEvents: 400, maxMs: 60_000 },
      clock: { now: () => NOW },
      heldSubjects: TIGHT_SUBJECTS,
      heldBuckets: TIGHT_BUCKETS,
      retry: { initialMs: 1, maxMs: 5 },
    });
    await projector.start();
    // A projector stopped first rejects it; the wait below says what it saw.
    projector.caughtUp.then(() => (caughtUp = true), () => undefined);
    // No event comes after the log's end: the commit that failed must be tried again all the same.
    await waitUntil(() => `the projector is caught up (it committed up to ${projector.position} of ${events.length})`, () => caughtUp, 20_000);
  }, 60_000);

  afterAll(async () => {
    await projector.stop();
    await sqlite.close();
    await store.close();
  });

  it('tries the read-back again within its commit until it answers', () => {
    expect(failed()).toBe(FAILURES);
    expect(warnings.filter((warning) => /read-back of the buckets late events reach, for the commit up to \d+ failed \(attempt \d\)/.test(warning))).toHaveLength(FAILURES);
  });

  it('tells the listener of every event once, those of the commit whose read-back failed included', async () => {
    const head = (await store.head()).position;
    expect(projector.position).toBe(head);
    expect(told).toEqual(Array.from({ length: head }, (_, index) => index + 1));
  });

  it('stores what a clean rebuild holds', async () => {
    const { snapshot } = await sqlite.load();
    expect(canonical(KpiEngine.fromJSON(snapshot!).toJSON())).toEqual(canonical((await cleanRebuild(store)).toJSON()));
  });
});
