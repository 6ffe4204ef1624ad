import { describe, expect, it } from '@jest/globals';
import { SeededRandom } from '@customs-pulse/testing';

import { KpiEngine } from './kpi-engine.js';
import { MalformedBucketJsonError } from './malformed-bucket-json-error.js';
import { boundedBucketsEngineOf } from './testing/bounded-buckets-engine.js';
import { HISTORY, batches, fingerprint, slicesUsed } from './testing/determinism-fixtures.js';

describe('KpiEngine mirroring a writer’s commits (README, "Gateways mirror the projector")', () => {
  const reference = new KpiEngine();
  reference.applyAll(HISTORY);
  const slices = slicesUsed(reference);
  const expected = fingerprint(reference, slices);

  it('gives every series and current value of the writer, the backlog of the hour at each instant included, from the rows alone', () => {
    // Shuffled: late events write over declarations the mirror holds, whose backlog moments must move with them.
    const random = new SeededRandom(11);
    const writer = new KpiEngine();
    const mirror = new KpiEngine();
    for (const batch of batches(random.shuffled(HISTORY), random)) {
      writer.applyAll(batch);
      mirror.mirror(writer.drainDirty());
    }

    expect(fingerprint(mirror, slices)).toEqual(expected);
    expect(mirror.qualityCounters()).toEqual(writer.qualityCounters());
    expect(mirror.offices()).toEqual(reference.offices());
  });

  it('follows a bounded writer’s horizons: holds only the buckets after them, takes no late bucket before them, and reads those back', () => {
    const random = new SeededRandom(12);
    const mirror = new KpiEngine();
    const { committed, adopted } = boundedBucketsEngineOf(random.shuffled(HISTORY), random, (drained) => mirror.mirror(drained));

    expect(adopted).toBeGreaterThan(100);
    expect(fingerprint(mirror, slices, undefined, committed.bucketsBetween)).toEqual(expected);
    expect(mirror.heldSubjects().buckets).toBeLessThan(reference.heldSubjects().buckets / 2);
    expect(mirror.heldSubjects().bucketsLetGo).toBeGreaterThan(0);
    expect(mirror.offices()).toEqual(reference.offices());
  });

  it('changes nothing when a row does not decode, the rows before it included', () => {
    const writer = new KpiEngine();
    const mirror = new KpiEngine();
    writer.applyAll(HISTORY.slice(0, 300));
    mirror.mirror(writer.drainDirty());
    const before = JSON.stringify(mirror.toJSON());
    writer.applyAll(HISTORY.slice(300, 400));
    const next = writer.drainDirty();
    const malformed = { ...next.buckets[0]!, values: [1] };

    expect(next.declarations.length).toBeGreaterThan(0);
    expect(() => mirror.mirror({ ...next, buckets: [...next.buckets, malformed] })).toThrow(MalformedBucketJsonError);
    expect(JSON.stringify(mirror.toJSON())).toBe(before);
  });

  it('mirrors from a state whose rows lack their hot keys (written before they existed): writing them is the writer’s work', () => {
    const writer = new KpiEngine();
    writer.applyAll(HISTORY.slice(0, 1500));
    writer.drainDirty();
    const stored = writer.toJSON();
    const mirror = KpiEngine.fromJSON({ ...stored, declarations: stored.declarations.map(({ subject, facts }) => ({ subject, facts })) });
    writer.applyAll(HISTORY.slice(1500));

    mirror.mirror(writer.drainDirty());

    expect(fingerprint(mirror, slices)).toEqual(expected);
  });

  it('refuses to mirror while it holds changes of its own', () => {
    const engine = new KpiEngine();
    engine.applyAll(HISTORY.slice(0, 20));

    expect(() => engine.mirror({ declarations: [], cases: [], buckets: [], quality: engine.qualityCounters() })).toThrow('cannot mirror');
  });
});
