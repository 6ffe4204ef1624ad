import { type EventLoopTurns, type RecordedEvent } from '@customs-pulse/event-store';

import { type BucketJson } from '../engine/buckets.js';
import { KpiEngine } from '../engine/kpi-engine.js';
import { type ColdState } from '../read-model/read-model.port.js';

/** Buckets read back from the read model in one query: one synchronous read on SQLite. */
const READ_BACK_PAGE = 500;

/** Waits until nothing reads the engine across turns (`EngineReadHold.allEnded`), before it changes. */
export type BeforeChange = () => Promise<void>;

/**
 * Reads back from `cold` the subjects of `batch` the engine let go of (or was restored without), before any of its
 * events is applied: the projector's batches, and an `asOf` replay's pages.
 */
export async function bringBackColdSubjects(engine: KpiEngine, batch: readonly RecordedEvent[], cold: ColdState, beforeChange: BeforeChange): Promise<void> {
  const wanted = engine.subjectsToLoad(batch);
  if (wanted === null) return;
  const stored = await cold.subjects(wanted);
  await beforeChange();
  engine.adopt(stored);
}

/**
 * Reads back from `cold` the buckets that the late events applied reach before the hour horizon, and applies what
 * waited for them (bucket-store.ts). Every part leaves the event loop turns. Holding the buckets and applying what
 * waited changes what the engine answers, a step at a time as events applied do, so after each turn it waits for the
 * readers that began in it (`beforeChange`).
 */
export async function bringBackColdBuckets(engine: KpiEngine, cold: ColdState, turns: EventLoopTurns, beforeChange: BeforeChange): Promise<void> {
  if (!engine.awaitsColdBuckets) return;
  const keys = await turns.complete(engine.coldBucketKeysInSteps());
  const stored: BucketJson[] = [];
  for (let from = 0; from < keys.length; from += READ_BACK_PAGE) {
    if (turns.due) await turns.give();
    stored.push(...(await cold.bucketsNamed(keys.slice(from, from + READ_BACK_PAGE))));
  }
  const readBack = await turns.complete(KpiEngine.readBackInSteps(stored));
  await beforeChange();
  await turns.complete(engine.adoptReadBackInSteps(readBack), beforeChange);
}
