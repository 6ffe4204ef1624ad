import { type SeededRandom } from '@customs-pulse/testing';

import { type HeldBucketsPolicy } from '../bucket-horizons.js';
import { type KpiEngineEvent } from '../engine-event.js';
import { type KpiEngineSnapshot } from '../engine-snapshot.js';
import { KpiEngine } from '../kpi-engine.js';
import { DrainedReadModel, batches } from './determinism-fixtures.js';

/** The tightest bound that keeps `current`'s window: hourly buckets of a day, daily ones of two. */
export const TIGHT_BUCKETS: HeldBucketsPolicy = { hourlyDays: 1, dailyDays: 2 };

/** An instant after the latest event applied so far: as live traffic moves the reference forward. */
function latestTimeOf(events: readonly KpiEngineEvent[], since: number): number {
  return events.reduce((latest, event) => Math.max(latest, Date.parse(event.time) + 1), since);
}

/**
 * What the projector does with an engine whose buckets are bounded, batch by batch: apply, read back the buckets its
 * late events reach before the horizon, commit, let go as of the latest event time so far. `onCommit` is told of each
 * commit's rows, as a mirror reads them.
 */
export function boundedBucketsEngineOf(
  events: readonly KpiEngineEvent[],
  random: SeededRandom,
  onCommit: (drained: KpiEngineSnapshot) => void = () => undefined,
): { engine: KpiEngine; committed: DrainedReadModel; adopted: number } {
  const engine = new KpiEngine();
  engine.boundHeldBuckets(TIGHT_BUCKETS);
  const committed = new DrainedReadModel();
  let reference = Number.NEGATIVE_INFINITY;
  let adopted = 0;
  for (const batch of batches(events, random)) {
    engine.applyAll(batch);
    const keys = engine.coldBucketKeys();
    const stored = committed.bucketsNamed(keys);
    adopted += stored.length;
    engine.adoptColdBuckets(stored);
    const drained = engine.drainDirty();
    committed.write(drained);
    onCommit(drained);
    engine.drainChanges();
    reference = latestTimeOf(batch, reference);
    engine.letGoOfColdBuckets(reference);
  }
  return { engine, committed, adopted };
}
