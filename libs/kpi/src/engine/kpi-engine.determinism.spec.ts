import { describe, expect, it } from '@jest/globals';
import { SeededRandom } from '@customs-pulse/testing';

import { type KpiEngineEvent } from './engine-event.js';
import { type KpiEngineSnapshot } from './engine-snapshot.js';
import { KpiEngine } from './kpi-engine.js';
import { DrainedReadModel, HISTORY, SET_KPIS, batches, fingerprint, slicesUsed } from './testing/determinism-fixtures.js';

function engineOf(events: readonly KpiEngineEvent[]): KpiEngine {
  const engine = new KpiEngine();
  engine.applyAll(events);
  return engine;
}

/** The events with a third of them sent again, each copy somewhere after the first. */
function withResends(events: readonly KpiEngineEvent[], random: SeededRandom): KpiEngineEvent[] {
  const result = [...events];
  for (const event of events) {
    if (!random.chance(1 / 3)) continue;
    const first = result.indexOf(event);
    result.splice(random.between(first + 1, result.length), 0, event);
  }
  return result;
}

describe('determinism (architecture.md, guarantee 4): the KPIs depend on the set of events only', () => {
  const reference = engineOf(HISTORY);
  const slices = slicesUsed(reference);
  const expected = fingerprint(reference, slices);

  it('has a history rich enough to mean something', () => {
    expect(HISTORY.length).toBeGreaterThan(2000);
    expect(slices.get('lodgement')?.length).toBeGreaterThan(50);
    const quality = reference.qualityCounters();
    expect(quality.release_time_mean).toBeGreaterThan(0);
    expect(quality.examination_time_mean).toBeGreaterThan(0);
    for (const kpi of SET_KPIS) expect(expected.some((line) => line.startsWith(`${kpi.id} hour `))).toBe(true);
  });

  it.each([1, 2, 3])('gives identical series and current values for the events in a random order (seed %i)', (seed) => {
    const random = new SeededRandom(seed);
    expect(fingerprint(engineOf(random.shuffled(HISTORY)), slices)).toEqual(expected);
  });

  it.each([4, 5])('gives identical values with a third of the events sent again, in a random order (seed %i)', (seed) => {
    const random = new SeededRandom(seed);
    expect(fingerprint(engineOf(withResends(random.shuffled(HISTORY), random)), slices)).toEqual(expected);
  });

  it.each([6, 7])(
    'gives identical values applied in random batches, restored half-way from the drained read model (seed %i)',
    (seed) => {
      const random = new SeededRandom(seed);
      const cut = batches(withResends(random.shuffled(HISTORY), random), random);
      const readModel = new DrainedReadModel();
      let engine = new KpiEngine();
      cut.forEach((batch, index) => {
        engine.applyAll(batch);
        engine.drainChanges();
        readModel.write(engine.drainDirty());
        if (index === Math.floor(cut.length / 2)) engine = KpiEngine.fromJSON(readModel.snapshot());
      });
      expect(fingerprint(engine, slices)).toEqual(expected);
      expect(fingerprint(KpiEngine.fromJSON(readModel.snapshot()), slices)).toEqual(expected);
    },
  );

  it('gives identical values from a fresh engine restored from toJSON of a half-applied one, then the rest', () => {
    const random = new SeededRandom(8);
    const events = withResends(random.shuffled(HISTORY), random);
    const half = engineOf(events.slice(0, events.length / 2));
    const restored = KpiEngine.fromJSON(JSON.parse(JSON.stringify(half.toJSON())) as KpiEngineSnapshot);
    restored.applyAll(events.slice(events.length / 2));
    expect(fingerprint(restored, slices)).toEqual(expected);
  });
});
