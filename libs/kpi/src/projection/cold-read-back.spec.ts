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

describe('bringBackColdBuckets', () => {
  it('gives the event loop a turn, when due, before each page of buckets it reads (one synchronous read each on SQLite)', async () => {
    const random = new SeededRandom(9);
    const shuffled = random.shuffled(HISTORY);
    const { engine, committed } = boundedBucketsEngineOf(shuffled.slice(0, 1500), random);
    engine.applyAll(shuffled.slice(1500));
    // For each page read: whether the event loop turned since the page before.
    const turnedBefore: boolean[] = [];
    let turned = false;
    const cold: ColdState = {
      subjects: unused,
      releasedIn: unused,
      longestReleasedIn: unused,
      bucketsBetween: unused,
      bucketsNamed: async (keys) => {
        turnedBefore.push(turned);
        turned = false;
        setImmediate(() => (turned = true));
        return committed.bucketsNamed(keys);
      },
    };

    // A slice of 0 ms: a turn is due at every step.
    await bringBackColdBuckets(engine, cold, new EventLoopTurns(0), async () => undefined);

    expect(turnedBefore.length).toBeGreaterThan(2);
    expect(turnedBefore.slice(1).every(Boolean)).toBe(true);
    expect(engine.awaitsColdBuckets).toBe(false);
  });
});
