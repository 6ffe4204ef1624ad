import { describe, expect, it } from '@jest/globals';
import { EventLoopTurns } from '@customs-pulse/event-store';
import { SeededRandom } from '@customs-pulse/testing';

import { boundedBucketsEngineOf } from '../engine/testing/bounded-buckets-engine.js';
import { HISTORY } from '../engine/testing/determinism-fixtures.js';
import { type ColdState } from '../read-model/read-model.port.js';
import { bringBackColdBuckets } from './cold-read-back.js';

/** Never asked by a read-back of buckets. */
const unused = (): never => {
  throw new Error('not read by a read-back of buckets');
};

/** A read model's cold state as a read-back of buckets uses it: by key alone. */
function coldReadingByKey(bucketsNamed: ColdState['bucketsNamed']): ColdState {
  return { subjects: unused, releasedIn: unused, longestReleasedIn: unused, bucketsBetween: unused, bucketsNamed };
}

describe('bringBackColdBuckets', () => {
  it('gives the event loop a turn, when due, before each page of buckets it reads (one synchronous read each on SQLite)', async () => {
    const random = new SeededRandom(9);
    const shuffled = random.shuffled(HISTORY);
    const { engine, committed } = boundedBucketsEngineOf(shuffled.slice(0, 1500), random);
    engine.applyAll(shuffled.slice(1500));
    // For each page read: whether the event loop turned since the page before.
    const turnedBefore: boolean[] = [];
    let turned = false;
    const cold = coldReadingByKey(async (keys) => {
      turnedBefore.push(turned);
      turned = false;
      setImmediate(() => (turned = true));
      return committed.bucketsNamed(keys);
    });

    // A slice of 0 ms: a turn is due at every step.
    await bringBackColdBuckets(engine, cold, new EventLoopTurns(0), async () => undefined);

    expect(turnedBefore.length).toBeGreaterThan(2);
    expect(turnedBefore.slice(1).every(Boolean)).toBe(true);
    expect(engine.awaitsColdBuckets).toBe(false);
  });

  it('waits for the readers of the engine before it starts changing it, and again after each turn it gives while it does', async () => {
    const random = new SeededRandom(10);
    const shuffled = random.shuffled(HISTORY);
    const { engine, committed } = boundedBucketsEngineOf(shuffled.slice(0, 1500), random);
    engine.applyAll(shuffled.slice(1500));
    const cold = coldReadingByKey(async (keys) => {
      const rows = committed.bucketsNamed(keys);
      read += rows.length;
      return rows;
    });
    let read = 0;
    let waits = 0;

    // A turn at every step: a bucket held or an observation applied, each after a wait for the readers.
    await bringBackColdBuckets(engine, cold, new EventLoopTurns(0), async () => void (waits += 1));

    expect(read).toBeGreaterThan(0);
    expect(waits).toBeGreaterThan(read);
  });
});
